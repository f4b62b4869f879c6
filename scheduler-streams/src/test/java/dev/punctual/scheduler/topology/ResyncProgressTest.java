package dev.punctual.scheduler.topology;

import static dev.punctual.scheduler.topology.Jobs.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.event.JobFired;
import dev.punctual.model.event.RecordHeaders;
import dev.punctual.model.job.JobStatus;
import dev.punctual.model.job.RunProgress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A scheduler on empty state reading the records a re-sync republishes ({@code POST
 * /admin/resync/topic} after a rebuilt jobs topic or a restored backup): the run progress they
 * carry keeps it from firing an occurrence again that fired before.
 */
class ResyncProgressTest extends SchedulerDriverTest {

  private static final Instant T0 = Instant.parse("2027-03-13T07:30:00Z");

  @BeforeEach
  void start() {
    scheduler = new SchedulerDriver(T0, stateDir);
  }

  @Test
  void aOneTimeJobThatRanDoesNotFireAgain() {
    var job = aJob("once").at(T0.minusSeconds(30)).createdAt(T0.minusSeconds(60)).build();

    scheduler.defineWithProgress(job, new RunProgress(1, T0.minusSeconds(30), true));
    scheduler.advance(Duration.ofMinutes(1));

    assertThat(scheduler.fires()).isEmpty();
    assertThat(scheduler.missed()).isEmpty();
    assertThat(scheduler.state("once").status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(scheduler.state("once").runs()).isEqualTo(1);
    assertThat(scheduler.timers()).isEmpty();
  }

  @Test
  void withoutProgressTheSameRecordFiresTheOneTimeJobAgain() {
    // the bug the progress fixes: a rebuilt topic's record alone looks like a new job
    var job = aJob("once").at(T0.minusSeconds(30)).createdAt(T0.minusSeconds(60)).build();

    scheduler.define(job);
    scheduler.advance(Duration.ofMinutes(1));

    assertThat(scheduler.fires())
        .extracting(JobFired::scheduledAt)
        .containsExactly(job.schedule().nextAfter(T0.minusSeconds(31), T0.minusSeconds(60)));
  }

  @Test
  void aMaxRunsJobThatReachedItsCountDoesNotFireAgainEvenWithoutTheCompletedFlag() {
    var job = aJob("twice").every(Duration.ofSeconds(10)).maxRuns(2).createdAt(T0).build();

    scheduler.defineWithProgress(job, new RunProgress(2, T0.plusSeconds(10), false));
    scheduler.advance(Duration.ofSeconds(40));

    assertThat(scheduler.fires()).isEmpty();
    assertThat(scheduler.state("twice").status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(scheduler.state("twice").runs()).isEqualTo(2);
  }

  @Test
  void aMaxRunsJobFiresOnlyTheRunsItHasLeft() {
    var job =
        aJob("thrice")
            .every(Duration.ofSeconds(10))
            .maxRuns(3)
            .createdAt(T0.minusSeconds(20))
            .build();

    scheduler.defineWithProgress(job, new RunProgress(2, T0.minusSeconds(10), false));
    scheduler.advance(Duration.ofSeconds(40));

    assertThat(scheduler.fires()).extracting(JobFired::scheduledAt).containsExactly(T0);
    assertThat(scheduler.state("thrice").status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(scheduler.state("thrice").runs()).isEqualTo(3);
  }

  @Test
  void aRecurringJobResumesAfterTheLastOccurrenceThatFiredRatherThanRepeatingIt() {
    // the occurrence of T0 fired just before the backup; the record is read at T0
    var job = aJob("every10s").every(Duration.ofSeconds(10)).createdAt(T0.minusSeconds(60)).build();

    scheduler.defineWithProgress(job, new RunProgress(7, T0, false));
    scheduler.advance(Duration.ofSeconds(25));

    assertThat(scheduler.fires())
        .extracting(JobFired::scheduledAt)
        .containsExactly(T0.plusSeconds(10), T0.plusSeconds(20));
    assertThat(scheduler.state("every10s").runs()).isEqualTo(9);
  }

  @Test
  void aPausedJobKeepsItsProgressForWhenItIsResumed() {
    var paused =
        aJob("paused").every(Duration.ofSeconds(10)).maxRuns(2).createdAt(T0).paused(true).build();

    scheduler.defineWithProgress(paused, new RunProgress(2, T0.plusSeconds(10), false));
    scheduler.advance(Duration.ofSeconds(5));
    scheduler.define(aJob("paused").every(Duration.ofSeconds(10)).maxRuns(2).createdAt(T0).build());
    scheduler.advance(Duration.ofMinutes(1));

    assertThat(scheduler.fires()).isEmpty();
    assertThat(scheduler.state("paused").status()).isEqualTo(JobStatus.COMPLETED);
  }

  @Test
  void aJobTheSchedulerAlreadyKnowsKeepsItsOwnProgress() {
    var job = aJob("known").every(Duration.ofSeconds(10)).createdAt(T0).build();
    scheduler.define(job);
    scheduler.advance(Duration.ofSeconds(25));

    scheduler.defineWithProgress(job, new RunProgress(0, null, false));
    scheduler.advance(Duration.ofSeconds(10));

    assertThat(scheduler.fires())
        .extracting(JobFired::scheduledAt)
        .containsExactly(T0, T0.plusSeconds(10), T0.plusSeconds(20), T0.plusSeconds(30));
    assertThat(scheduler.state("known").runs()).isEqualTo(4);
  }

  @Test
  void aRecordWithUnusableProgressIsDeadLetteredWithTheFieldAtFault() {
    scheduler.defineRaw(
        "bad",
        """
        {"id": "bad", "schedule": {"every": "PT10S"},
         "target": {"type": "http", "url": "https://example.com/"},
         "progress": {"runCount": -1}}
        """);
    scheduler.advance(Duration.ofSeconds(30));

    assertThat(scheduler.deadLetters())
        .singleElement()
        .satisfies(
            record ->
                assertThat(
                        new String(
                            record.headers().lastHeader(RecordHeaders.ERROR).value(),
                            StandardCharsets.UTF_8))
                    .contains("progress.runCount")
                    .contains("must not be negative"));
    assertThat(scheduler.state("bad")).isNull();
    assertThat(scheduler.fires()).isEmpty();
  }
}
