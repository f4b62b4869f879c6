package dev.punctual.api.retention;

import dev.punctual.api.ApiProperties;
import dev.punctual.api.system.BackgroundLoop;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deletes the rows older than their retention ({@link RetentionProperties}) every {@link
 * #INTERVAL}: one batch per table per round, and the next round at once while a table had a full
 * batch, so a backlog (the first run on a large history) is worked off in short transactions that
 * interleave with the projections' writes.
 */
@Component
class PurgeOldRows extends BackgroundLoop {

  private static final Logger log = LoggerFactory.getLogger(PurgeOldRows.class);
  static final Duration INTERVAL = Duration.ofMinutes(10);

  private final RetentionPurges purges;
  private final Clock clock;
  private final Map<RetainedTable, Duration> retention;
  private final int batchSize;

  PurgeOldRows(
      RetentionPurges purges,
      Clock clock,
      RetentionProperties retention,
      ApiProperties properties,
      MeterRegistry meters) {
    super("purge-old-rows", properties.retryBackoff(), meters);
    this.purges = purges;
    this.clock = clock;
    this.retention =
        Map.of(
            RetainedTable.EXECUTIONS, retention.executions(),
            RetainedTable.MISSED_OCCURRENCES, retention.missedOccurrences(),
            RetainedTable.AUDIT_LOG, retention.audit());
    this.batchSize = retention.batchSize();
  }

  @Override
  protected Duration runOnce() {
    var now = clock.instant();
    boolean more = false;
    for (var table : RetainedTable.values()) {
      var kept = retention.get(table);
      int purged = purges.purgeBatch(table, now.minus(kept), batchSize);
      if (purged > 0) {
        log.debug("Purged {} rows of {} older than {}", purged, table.table(), kept);
      }
      more |= purged == batchSize;
    }
    return more ? Duration.ZERO : INTERVAL;
  }
}
