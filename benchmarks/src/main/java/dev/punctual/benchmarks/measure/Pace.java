package dev.punctual.benchmarks.measure;

import java.util.function.LongUnaryOperator;

/**
 * Whether emission keeps pace with a steady load, asked while it runs: a scenario's warm-up lasts
 * until it does, so that its measured window starts on a scheduler that has caught up, not at a
 * fixed time that a slow day's JIT warm-up overruns (2026-12-06: fire p99 of 5.9 and 9.9 s after a
 * fixed 30 s warm-up, against 0.1–0.2 s on other days).
 *
 * <p>A second of occurrences kept pace when every occurrence due in it was fired, none a second or
 * more late. Emission keeps pace when the last {@link #SECONDS} complete seconds did (seconds with
 * nothing due are skipped, and at least one must have had something due); a second is complete
 * {@link #SETTLE_SECONDS} after it ends, so that its last fires have been committed and read.
 */
public final class Pace {

  /** Consecutive seconds that must have kept pace. */
  public static final int SECONDS = 5;

  /** How long after a second ends it is judged. */
  public static final int SETTLE_SECONDS = 2;

  private Pace() {}

  /**
   * Whether the {@link #SECONDS} seconds of occurrences that ended {@link #SETTLE_SECONDS} before
   * {@code nowMillis} each kept pace.
   *
   * @param fires what a fires watcher has seen so far
   * @param expectedInSecond how many occurrences fall due in an epoch second
   */
  public static boolean kept(
      Observations fires, LongUnaryOperator expectedInSecond, long nowMillis) {
    long last = Math.floorDiv(nowMillis, 1000L) - SETTLE_SECONDS - 1;
    boolean anyDue = false;
    for (long second = last - SECONDS + 1; second <= last; second++) {
      long expected = expectedInSecond.applyAsLong(second);
      if (expected == 0) {
        continue; // a sparse load's second with nothing due says nothing
      }
      anyDue = true;
      if (fires.seenInSecond(second) < expected || fires.lateInSecond(second) > 0) {
        return false;
      }
    }
    return anyDue;
  }
}
