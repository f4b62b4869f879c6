package dev.punctual.worker.execution;

import dev.punctual.model.event.JobFired;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * Fires emitted before their {@code dueAt} by a scheduler with a lead time ({@code firedAt <
 * dueAt}) wait here until then: nothing starts before {@code dueAt} by the clock the worker stamps
 * {@code startedAt} with. A fire emitted once due ({@code firedAt >= dueAt}, the default) starts at
 * once, whatever the worker's clock says: it was due by the scheduler's. Each held fire waits on
 * the virtual thread that then executes it, so waiting blocks neither the poll loop nor other
 * fires; meanwhile it counts as running (it takes an execution slot, and its partition's commit
 * waits for it like for any running fire).
 *
 * <p>A held fire whose partition is revoked or lost, whose transaction is rewound or whose session
 * ends is cancelled: it never executes here and stays uncommitted, so the partition's next consumer
 * holds and executes it. When the cancel and the due time race, one compare-and-set settles it: the
 * fire executes here, or not at all.
 *
 * <p>The set of holds is confined to the poll thread; a {@link Hold}'s state is shared with its
 * execution thread.
 */
final class HeldFires {

  private final Clock clock;
  private final AtomicInteger waiting;
  private final Set<Hold> holds = new HashSet<>();

  /**
   * @param clock the clock the executions stamp {@code startedAt} with
   * @param waiting counts the fires waiting now (a gauge)
   */
  HeldFires(Clock clock, AtomicInteger waiting) {
    this.clock = clock;
    this.waiting = waiting;
  }

  /**
   * A hold on {@code fire} (consumed at {@code offset} of {@code progress}) if it was emitted early
   * and is not due yet; {@code null} if it may start now.
   */
  @Nullable Hold holdIfEarly(JobFired fire, PartitionProgress<?> progress, long offset) {
    if (!fire.firedAt().isBefore(fire.dueAt()) || !clock.instant().isBefore(startAt(fire))) {
      return null;
    }
    var hold = new Hold(fire, progress, offset);
    holds.add(hold);
    waiting.incrementAndGet();
    return hold;
  }

  /** Cancels the holds of the partitions {@code which} accepts that are still waiting. */
  List<Hold> cancel(Predicate<TopicPartition> which) {
    var cancelled = new ArrayList<Hold>();
    for (var iterator = holds.iterator(); iterator.hasNext(); ) {
      var hold = iterator.next();
      if (which.test(hold.progress.partition())) {
        iterator.remove();
        if (hold.cancel()) {
          cancelled.add(hold);
        }
      }
    }
    return cancelled;
  }

  /** Forgets {@code hold}, whose execution completed. */
  void completed(Hold hold) {
    holds.remove(hold);
  }

  /** How many holds are known: waiting, or started and not collected yet. */
  int size() {
    return holds.size();
  }

  /**
   * The first instant a held fire may start: its {@code dueAt}, rounded up to the millisecond,
   * because events carry {@code startedAt} in milliseconds and a start within the due millisecond
   * but before a sub-millisecond {@code dueAt} would read as early.
   */
  static Instant startAt(JobFired fire) {
    var millis = fire.dueAt().truncatedTo(ChronoUnit.MILLIS);
    return millis.equals(fire.dueAt()) ? millis : millis.plusMillis(1);
  }

  /** One fire waiting for its {@code dueAt}. */
  final class Hold {

    private static final int WAITING = 0;
    private static final int STARTED = 1;
    private static final int CANCELLED = 2;

    private final JobFired fire;
    private final PartitionProgress<?> progress;
    private final long offset;
    private final AtomicInteger state = new AtomicInteger(WAITING);
    private volatile @Nullable Thread waiter;

    private Hold(JobFired fire, PartitionProgress<?> progress, long offset) {
      this.fire = fire;
      this.progress = progress;
      this.offset = offset;
    }

    PartitionProgress<?> progress() {
      return progress;
    }

    long offset() {
      return offset;
    }

    /**
     * Waits on the calling (execution) thread until the fire is due; whether it may execute now.
     * {@code false} when it was cancelled meanwhile, or when the thread was interrupted (the loop
     * is shutting down): then it must not execute.
     */
    boolean awaitDue() {
      waiter = Thread.currentThread();
      try {
        while (state.get() == WAITING) {
          long left = Duration.between(clock.instant(), startAt(fire)).toNanos();
          if (left <= 0) {
            if (state.compareAndSet(WAITING, STARTED)) {
              waiting.decrementAndGet();
              return true;
            }
            return false;
          }
          if (Thread.currentThread().isInterrupted()) {
            cancel();
            return false;
          }
          LockSupport.parkNanos(this, left);
        }
        return false;
      } finally {
        waiter = null;
      }
    }

    /** Cancels the hold unless its fire started; whether it did. Wakes its waiting thread. */
    private boolean cancel() {
      if (!state.compareAndSet(WAITING, CANCELLED)) {
        return false;
      }
      waiting.decrementAndGet();
      var thread = waiter;
      if (thread != null) {
        LockSupport.unpark(thread);
      }
      return true;
    }
  }
}
