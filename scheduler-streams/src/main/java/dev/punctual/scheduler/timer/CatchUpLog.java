package dev.punctual.scheduler.timer;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of one task's catch-ups. The first catch-up of a {@link #WINDOW} is logged at INFO in
 * full; the others of that window at DEBUG, and an INFO line sums them up once the window is over.
 * After downtime, thousands of jobs catch up at once: one INFO line each cost the scheduler CPU and
 * flooded the log (130,000 lines in a 30-minute chaos run) when it could least afford it. Every
 * missed occurrence is still on {@code scheduler.missed} and in the metrics; this is only the log.
 *
 * <p>Written here rather than with a logging library's filter: Logback's {@code
 * DuplicateMessageFilter} drops repeats for good instead of summing them per time window.
 */
final class CatchUpLog {

  static final Duration WINDOW = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(FireTimers.class);

  private Instant windowStart = Instant.MIN;
  private long jobs;
  private long missed;
  private long fires;
  private long skipped;

  /** Whether this catch-up, at {@code now}, is the one of its window logged in full at INFO. */
  boolean inFull(Instant now) {
    flush(now);
    if (windowStart.equals(Instant.MIN)) {
      windowStart = now;
      return true;
    }
    return false;
  }

  /** Counts a catch-up that was logged at DEBUG only, for the window's summary. */
  void summed(long missedOccurrences, long catchUpFires, long skippedOccurrences) {
    jobs++;
    missed += missedOccurrences;
    fires += catchUpFires;
    skipped += skippedOccurrences;
  }

  /** Logs the summary of a window that is over, if it summed anything, and ends that window. */
  void flush(Instant now) {
    if (windowStart.equals(Instant.MIN) || now.isBefore(windowStart.plus(WINDOW))) {
      return;
    }
    if (jobs > 0) {
      log.info(
          "{} more jobs caught up missed occurrences in the {} s after {}: {} missed, {} catch-up"
              + " fires, {} skipped (each job at DEBUG)",
          jobs,
          WINDOW.toSeconds(),
          windowStart,
          missed,
          fires,
          skipped);
    }
    windowStart = Instant.MIN;
    jobs = 0;
    missed = 0;
    fires = 0;
    skipped = 0;
  }
}
