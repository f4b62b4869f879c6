package dev.punctual.scheduler.topology;

import java.time.Duration;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * A wall-clock punctuation on a grid: at every multiple of the interval since the epoch, the same
 * instants in every task. So all tasks of a stream thread punctuate in the same iteration of its
 * loop, and the one commit that the scheduler requests after a punctuation that fired (see {@link
 * JobDefinitionProcessor}) makes all their fires visible: at most one extra transaction per
 * interval and stream thread, however many tasks it runs.
 *
 * <p>Why by hand: Kafka Streams 4.1 starts a wall-clock schedule one interval after the call (so
 * each task's phase is the instant it happened to start) and offers no anchored start. Each tick
 * therefore schedules the next one as a one-shot at the next grid point, before it does its work,
 * so the task's clock still reads the tick's timestamp (at most a millisecond off), and cancels
 * itself. {@code TopologyTestDriver} drives it like any punctuation.
 *
 * <p>A {@link PunctuationPacer} may hold a thread's ticks back after a long round, so that the
 * thread reads its input: a tick held back does no work and schedules itself for the next grid
 * point, like any other, so the thread's tasks stay aligned.
 */
final class AlignedPunctuation {

  private final ProcessorContext<?, ?> context;
  private final long intervalMs;
  private final Punctuator work;
  private final PunctuationPacer pacer;
  private Cancellable scheduled;
  private long scheduledFor;

  private AlignedPunctuation(
      ProcessorContext<?, ?> context, Duration interval, Punctuator work, PunctuationPacer pacer) {
    this.context = context;
    this.intervalMs = interval.toMillis();
    this.work = work;
    this.pacer = pacer;
    if (intervalMs < 1) {
      throw new IllegalArgumentException("a punctuation interval of " + interval + " is too short");
    }
  }

  /** Runs {@code work} at every multiple of {@code interval} from now on, in wall-clock time. */
  static void start(
      ProcessorContext<?, ?> context, Duration interval, Punctuator work, PunctuationPacer pacer) {
    var punctuation = new AlignedPunctuation(context, interval, work, pacer);
    punctuation.scheduleAfter(context.currentSystemTimeMs());
  }

  private void tick(long timestamp) {
    scheduled.cancel();
    long gridPoint = scheduledFor;
    scheduleAfter(timestamp);
    if (pacer.holdsBack(timestamp)) {
      return;
    }
    pacer.starting(gridPoint, timestamp);
    work.punctuate(timestamp);
    pacer.finished(intervalMs);
  }

  /** Schedules the next tick at the first grid point after {@code now}. */
  private void scheduleAfter(long now) {
    long delay = intervalMs - Math.floorMod(now, intervalMs);
    scheduledFor = now + delay;
    // Wall-clock time, not stream time: stream time only advances when records arrive, and a
    // timer must fire when its time comes even if no record arrives for hours.
    scheduled =
        context.schedule(Duration.ofMillis(delay), PunctuationType.WALL_CLOCK_TIME, this::tick);
  }
}
