package dev.punctual.benchmarks.chaos;

import java.time.Duration;

/**
 * How long a chaos run waits for the system to settle after the chaos: as long as what is still
 * missing (outbox rows, fires without a final result, occurrences not fired) keeps shrinking, up to
 * a deadline. A backlog that is being worked off is late, not lost; only what stops moving is
 * counted as missing. Pure, so that the rule is tested apart from a cluster.
 */
final class SettleWatch {

  /** What the run does after an observation. */
  enum Verdict {
    /** Nothing is missing any more. */
    SETTLED,
    /** Something is missing but it shrank lately: wait on. */
    WAIT,
    /** Nothing more was worked off for the whole patience: stop waiting. */
    STALLED,
    /** The deadline passed: stop waiting. */
    DEADLINE
  }

  private final long patienceNanos;
  private final long deadlineNanos;
  private final long startedAt;
  private long fewest = Long.MAX_VALUE;
  private long fewestAt;

  /**
   * @param patience how long the run waits without the missing count reaching a new low
   * @param deadline how long it waits at most
   * @param startedAt when the wait began ({@link System#nanoTime()})
   */
  SettleWatch(Duration patience, Duration deadline, long startedAt) {
    this.patienceNanos = patience.toNanos();
    this.deadlineNanos = deadline.toNanos();
    this.startedAt = startedAt;
    this.fewestAt = startedAt;
  }

  /** Judges an observation of {@code missing} things at {@code now} ({@link System#nanoTime()}). */
  Verdict observe(long missing, long now) {
    if (missing == 0) {
      return Verdict.SETTLED;
    }
    if (missing < fewest) {
      fewest = missing;
      fewestAt = now;
    }
    if (now - startedAt >= deadlineNanos) {
      return Verdict.DEADLINE;
    }
    return now - fewestAt >= patienceNanos ? Verdict.STALLED : Verdict.WAIT;
  }
}
