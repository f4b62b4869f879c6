package dev.punctual.scheduler.timer;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The low-water mark of one task's time index: no timer of the task is due before it, so a scan for
 * due timers starts there instead of at the front of the index, which fills with deletion markers
 * (see {@link JobStateStore}).
 *
 * <p>One mark per task, shared by the task's three processors: each writes timers (definitions,
 * commands, results), and only the jobs processor scans. A mark per processor let a retry timer
 * written by the results processor below the scanning processor's mark go unseen, so that a result
 * processed after its backoff had passed was never retried.
 */
public final class ScanMark {

  /** Epoch milliseconds; 0 (the epoch) scans the whole index. */
  private final AtomicLong from = new AtomicLong();

  long get() {
    return from.get();
  }

  /** A timer due at {@code dueAt} was written: the mark goes down to it if it is above. */
  void lowerTo(long dueAt) {
    from.accumulateAndGet(dueAt, Math::min);
  }

  /** A scan found nothing due before {@code next}. */
  void raiseTo(long next) {
    from.set(next);
  }

  /** Scans the whole index next time: for a task that starts, or after its index was rebuilt. */
  public void reset() {
    from.set(0);
  }
}
