package dev.punctual.api.missed;

import dev.punctual.model.event.MissedOccurrences;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Writes missed-topic records into {@code missed_occurrences}, a batch in one statement. A record
 * applied again (after a restart of the projection) meets its row's unique key and changes nothing,
 * so the metric {@code punctual.api.missed.occurrences} counts each episode's occurrences once.
 */
@Repository
class MissedWrites {

  private final JdbcClient jdbc;
  private final MeterRegistry meters;

  MissedWrites(JdbcClient jdbc, MeterRegistry meters) {
    this.jdbc = jdbc;
    this.meters = meters;
  }

  /** Inserts the records, in their order, skipping those already there. */
  void insert(List<MissedOccurrences> missed) {
    if (missed.isEmpty()) {
      return;
    }
    jdbc.sql(
            """
            INSERT INTO missed_occurrences (job_id, reason, policy, from_at, to_at, count,
                                            fired_scheduled_at, detected_at)
            SELECT job_id, reason, policy, from_at, to_at, count, fired_scheduled_at, detected_at
            FROM unnest(CAST(:jobIds AS text[]), CAST(:reasons AS text[]),
                        CAST(:policies AS text[]), CAST(:froms AS timestamptz[]),
                        CAST(:tos AS timestamptz[]), CAST(:counts AS bigint[]),
                        CAST(:fired AS timestamptz[]), CAST(:detected AS timestamptz[]))
                 WITH ORDINALITY AS m(job_id, reason, policy, from_at, to_at, count,
                                      fired_scheduled_at, detected_at, n)
            ORDER BY n
            ON CONFLICT (job_id, reason, from_at, to_at, detected_at) DO NOTHING
            RETURNING reason, count
            """)
        .param("jobIds", texts(missed, MissedOccurrences::jobId))
        .param("reasons", texts(missed, m -> m.reason().name()))
        .param("policies", texts(missed, MissedOccurrences::policy))
        .param("froms", texts(missed, m -> instant(m.from())))
        .param("tos", texts(missed, m -> instant(m.to())))
        .param("counts", missed.stream().mapToLong(MissedOccurrences::count).toArray())
        .param("fired", texts(missed, m -> instant(m.firedScheduledAt())))
        .param("detected", texts(missed, m -> instant(m.detectedAt())))
        .query(
            row -> {
              counter(row.getString("reason")).increment(row.getLong("count"));
            });
  }

  private Counter counter(String reason) {
    return Counter.builder("punctual.api.missed.occurrences")
        .description("Occurrences the scheduler reported missed (projected from the missed topic)")
        .tag("reason", reason)
        .register(meters);
  }

  private static <T> String[] texts(List<T> values, Function<T, @Nullable String> text) {
    return values.stream().map(text).toArray(String[]::new);
  }

  private static @Nullable String instant(@Nullable Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
