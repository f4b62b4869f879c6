package dev.punctual.api.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.api.testing.ApiIntegrationTest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The retention purge on real PostgreSQL: rows older than their retention go, in batches of at most
 * the batch size; recent rows stay.
 */
class RetentionIT extends ApiIntegrationTest {

  private final String job = "retention-" + UUID.randomUUID();
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

  @Autowired RetentionPurges purges;
  @Autowired PurgeOldRows loop;

  @Test
  void aBatchDeletesAtMostItsLimitOfTheOldestRowsAndLeavesTheRecentOnes() {
    // long before anything else in the shared database, so that no other test's rows qualify
    var cutoff = Instant.parse("1990-01-31T00:00:00Z");
    for (int i = 0; i < 7; i++) {
      execution("old-" + i, cutoff.minus(10, ChronoUnit.DAYS).plusSeconds(i));
    }
    execution("recent", cutoff.plusSeconds(1));

    var first = purges.purgeBatch(RetainedTable.EXECUTIONS, cutoff, 3);

    assertThat(first).isEqualTo(3);
    assertThat(executionsOf(job))
        .containsExactlyInAnyOrder("old-3", "old-4", "old-5", "old-6", "recent");
    assertThat(purges.purgeBatch(RetainedTable.EXECUTIONS, cutoff, 3)).isEqualTo(3);
    assertThat(purges.purgeBatch(RetainedTable.EXECUTIONS, cutoff, 3)).isEqualTo(1);
    assertThat(purges.purgeBatch(RetainedTable.EXECUTIONS, cutoff, 3)).isZero();
    assertThat(executionsOf(job)).containsExactly("recent");
  }

  @Test
  void theLoopPurgesEachTableByItsOwnRetention() {
    // the defaults: executions and missed occurrences 30 days, the audit log 365 days
    execution("old", now.minus(31, ChronoUnit.DAYS));
    execution("recent", now.minus(1, ChronoUnit.DAYS));
    missed(now.minus(31, ChronoUnit.DAYS));
    missed(now.minus(1, ChronoUnit.DAYS));
    audit(now.minus(366, ChronoUnit.DAYS));
    audit(now.minus(200, ChronoUnit.DAYS));

    loop.nudge();

    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () -> {
              assertThat(executionsOf(job)).containsExactly("recent");
              assertThat(count("missed_occurrences")).isEqualTo(1);
              assertThat(count("audit_log")).isEqualTo(1);
            });
  }

  private void execution(String fire, Instant dueAt) {
    jdbc.sql(
            """
            INSERT INTO executions (fire_id, attempt, job_id, trigger, status, scheduled_at, due_at)
            VALUES (:fire, 1, :job, 'SCHEDULE', 'SUCCEEDED', :dueAt, :dueAt)
            """)
        .param("fire", fire + "@" + job)
        .param("job", job)
        .param("dueAt", utc(dueAt))
        .update();
  }

  private void missed(Instant detectedAt) {
    jdbc.sql(
            """
            INSERT INTO missed_occurrences (job_id, reason, policy, from_at, to_at, count,
                                            detected_at)
            VALUES (:job, 'MISFIRE', 'SKIP', :at, :at, 1, :at)
            """)
        .param("job", job)
        .param("at", utc(detectedAt))
        .update();
  }

  private void audit(Instant at) {
    jdbc.sql(
            """
            INSERT INTO audit_log (at, actor, action, job_id, outcome)
            VALUES (:at, 'retention-it', 'create', :job, 'succeeded')
            """)
        .param("job", job)
        .param("at", utc(at))
        .update();
  }

  private java.util.List<String> executionsOf(String jobId) {
    return jdbc.sql("SELECT split_part(fire_id, '@', 1) FROM executions WHERE job_id = :job")
        .param("job", jobId)
        .query(String.class)
        .list();
  }

  private long count(String table) {
    return jdbc.sql("SELECT count(*) FROM " + table + " WHERE job_id = :job")
        .param("job", job)
        .query(Long.class)
        .single();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
