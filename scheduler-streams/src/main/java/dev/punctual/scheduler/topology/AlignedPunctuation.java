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
 */
final class AlignedPunctuation {

  private final ProcessorContext<?, ?> context;
  private final long intervalMs;
  private final Punctuator work;
  private Cancellable scheduled;

  private AlignedPunctuation(ProcessorContext<?, ?> context, Duration interval, Punctuator work) {
    this.context = context;
    this.intervalMs = interval.toMillis();
    this.work = work;
    if (intervalMs < 1) {
      throw new IllegalArgumentException("a punctuation interval of " + interval + " is too short");
    }
  }

  /** Runs {@code work} at every multiple of {@code interval} from now on, in wall-clock time. */
  static void start(ProcessorContext<?, ?> context, Duration interval, Punctuator work) {
    var punctuation = new AlignedPunctuation(context, interval, work);
    punctuation.scheduleAfter(context.currentSystemTimeMs());
  }

  private void tick(long timestamp) {
    scheduled.cancel();
    scheduleAfter(timestamp);
    work.punctuate(timestamp);
  }

  /** Schedules the next tick at the first grid point after {@code now}. */
  private void scheduleAfter(long now) {
    long delay = intervalMs - Math.floorMod(now, intervalMs);
    // Wall-clock time, not stream time: stream time only advances when records arrive, and a
    // timer must fire when its time comes even if no record arrives for hours.
    scheduled =
        context.schedule(Duration.ofMillis(delay), PunctuationType.WALL_CLOCK_TIME, this::tick);
  }
}
