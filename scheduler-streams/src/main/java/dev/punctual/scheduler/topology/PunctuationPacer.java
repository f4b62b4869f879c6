package dev.punctual.scheduler.topology;

import java.util.function.LongSupplier;

/**
 * Keeps a stream thread's punctuations from starving its input (definitions, commands, results).
 *
 * <p>Kafka Streams' stream thread (4.x, {@code StreamThread#runOnceWithoutProcessingThreads})
 * processes up to N records per task between its checks for due punctuations, halves N after every
 * iteration of its loop in which a punctuator ran or a commit happened, and adds one to N after any
 * other. A thread whose round of punctuations (every task of the thread, for one grid point of
 * {@link AlignedPunctuation}) takes as long as the interval runs a round in every iteration: N
 * stays at 1, and each task reads one input record per round of up to {@code
 * max-fires-per-punctuation} fires. Under a backlog of fires the results then fell minutes behind
 * the fires (the chaos run at 2,000 fires/s read some 15 minutes late), and with them the retries
 * and the overlap releases they trigger.
 *
 * <p>The pacer measures each round. When one took half the interval or more, and the input it has
 * read since is behind (its latest record was written more than {@link #INPUT_BEHIND_MS} ms ago),
 * the thread's next round waits until as long again has passed after it, on the grid: the input
 * gets as much of the thread's time as firing took, and the iterations without a punctuation let N
 * grow again. Input that is not behind holds nothing back, so a scheduler whose input keeps up
 * fires on every grid point as before (a fixed share for the input would cap firing at half the
 * thread even when the input needs less: the steady benchmark at 10,000 fires/s then fired seconds
 * late). A thread that read no input since the round fires on at the next grid point, so a backlog
 * with nothing else to do (a catch-up after a restart) goes at full speed. Why by hand: Kafka
 * Streams has no setting for this balance.
 *
 * <p>One pacer serves one topology; it keeps a round per stream thread (a task's processors and
 * punctuations run on the thread that owns the task), so it needs no locking.
 */
final class PunctuationPacer {

  /**
   * Input whose latest record was written longer ago than this is behind. Well above the age a
   * result reaches while the scheduler keeps up with its fires, so that a busy scheduler gives
   * firing the priority until its input is really late: the steady benchmark at 10,000 fires/s on 2
   * cores reads results seconds old at times, and with 500 ms or 2 s here it fired seconds late
   * (fire lateness p99 2.8–4.0 s against 158 ms with 10 s). A retry or an overlap release then
   * waits at most about this much longer for its result, instead of minutes.
   */
  static final long INPUT_BEHIND_MS = 10_000;

  private final LongSupplier nanoTime;
  private final ThreadLocal<Round> rounds = ThreadLocal.withInitial(Round::new);

  /**
   * @param nanoTime measures how long a round took: {@link System#nanoTime} in a running scheduler;
   *     a test driver whose clock stands still during a punctuation passes its own.
   */
  PunctuationPacer(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  static PunctuationPacer systemClock() {
    return new PunctuationPacer(System::nanoTime);
  }

  /**
   * Called for every input record, with how long ago it was written ({@code ms}, by the wall clock
   * against the record's timestamp).
   */
  void inputSeen(long ageMs) {
    var round = rounds.get();
    round.inputSince = true;
    round.inputAgeMs = ageMs;
  }

  /**
   * Whether a tick at {@code timestamp} (wall-clock ms) is held back: the thread's last round was
   * long, as long again has not passed yet, and the input the thread has read since is behind. A
   * tick held back does no work and checks again at the next grid point.
   */
  boolean holdsBack(long timestamp) {
    var round = rounds.get();
    return timestamp < round.resumeAt && round.inputSince && round.inputAgeMs > INPUT_BEHIND_MS;
  }

  /**
   * Called by a tick that is about to work: {@code gridPoint} is the time it was scheduled for (the
   * same for every task of the round), {@code timestamp} the time it runs.
   */
  void starting(long gridPoint, long timestamp) {
    var round = rounds.get();
    if (round.gridPoint != gridPoint) {
      round.gridPoint = gridPoint;
      round.startMs = timestamp;
      round.startNanos = nanoTime.getAsLong();
    }
  }

  /**
   * Called by a tick that has worked: the round so far (this tick and the earlier ones of its grid
   * point on this thread) sets when the thread's next round may start. The last tick of a round has
   * the final word.
   */
  void finished(long intervalMs) {
    var round = rounds.get();
    round.inputSince = false;
    long elapsedMs = (nanoTime.getAsLong() - round.startNanos) / 1_000_000;
    if (elapsedMs * 2 < intervalMs) {
      round.resumeAt = Long.MIN_VALUE;
      return;
    }
    // Input gets as long as the round took, from the round's end, rounded up to the grid.
    long earliest = round.startMs + 2 * elapsedMs;
    round.resumeAt = earliest + Math.floorMod(-earliest, intervalMs);
  }

  /** One stream thread's latest round. */
  private static final class Round {
    long gridPoint = Long.MIN_VALUE;
    long startMs;
    long startNanos;
    long resumeAt = Long.MIN_VALUE;
    boolean inputSince;
    long inputAgeMs;
  }
}
