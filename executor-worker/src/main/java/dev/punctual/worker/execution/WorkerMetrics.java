package dev.punctual.worker.execution;

import dev.punctual.model.event.ExecutionStatus;
import dev.punctual.model.event.JobFired;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker's meters: executions by target type and status, their duration, how many run now, how
 * late they start, how many wait for their commit, dead-lettered records and errors of the
 * execution loop. Timers publish percentile histograms, so Prometheus can compute quantiles across
 * workers ({@code histogram_quantile(0.99, sum by (le) (rate(..._bucket[5m])))}).
 */
public final class WorkerMetrics {

  /**
   * Counter of executions, tags {@code target} ({@code http}, {@code kafka}) and {@code status}.
   */
  public static final String EXECUTIONS = "punctual.worker.executions";

  /** Timer: how long executing a target took; tags {@code target} and {@code status}. */
  public static final String EXECUTION_DURATION = "punctual.worker.execution.duration";

  /**
   * Gauge: fires executing right now, or held until their {@code dueAt} (the concurrency limit
   * applies to it).
   */
  public static final String IN_FLIGHT = "punctual.worker.in.flight";

  /**
   * Gauge: fires consumed before their {@code dueAt} (a scheduler's lead time) and held until then.
   */
  public static final String HELD = "punctual.worker.held";

  /**
   * Timer: from the attempt's {@code dueAt} to the start of its execution; tag {@code trigger}. The
   * worker's own lateness, comparable across scheduled fires, retries and manual triggers.
   */
  public static final String START_LATENESS = "punctual.worker.start.lateness";

  /**
   * Timer: from the fire's nominal {@code scheduledAt} to the start of this attempt's execution;
   * tag {@code trigger}. For a retry it includes the backoff, so it shows how late the work really
   * got done rather than how late the worker was.
   */
  public static final String START_LATENESS_FROM_SCHEDULED =
      "punctual.worker.start.lateness.from.scheduled";

  /** Gauge: fires consumed and not committed yet (executing or waiting for an earlier one). */
  public static final String UNCOMMITTED = "punctual.worker.uncommitted";

  /** Counter of unreadable fire records sent to the dead-letter topic. */
  public static final String DEAD_LETTERED = "punctual.worker.dead.lettered";

  /** Counter of errors the execution loop recovered from; tag {@code kind}. */
  public static final String LOOP_ERRORS = "punctual.worker.loop.errors";

  /** Counter of fires whose results were committed. */
  public static final String COMMITTED = "punctual.worker.committed";

  private static final Duration SHORTEST = Duration.ofMillis(1);
  private static final Duration LONGEST_EXECUTION = Duration.ofMinutes(5);
  private static final Duration LONGEST_LATENESS = Duration.ofHours(1);

  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger held = new AtomicInteger();
  private final AtomicInteger uncommitted = new AtomicInteger();
  private final Counter deadLettered;
  private final Counter committed;
  private final MeterProvider<Counter> executions;
  private final MeterProvider<Timer> durations;
  private final MeterProvider<Timer> lateness;
  private final MeterProvider<Timer> latenessFromScheduled;
  private final MeterProvider<Counter> loopErrors;

  public WorkerMetrics(MeterRegistry registry) {
    Gauge.builder(IN_FLIGHT, inFlight, AtomicInteger::get)
        .description("Fires executing right now, or held until they are due")
        .register(registry);
    Gauge.builder(HELD, held, AtomicInteger::get)
        .description("Fires consumed before they are due and held until then")
        .register(registry);
    Gauge.builder(UNCOMMITTED, uncommitted, AtomicInteger::get)
        .description("Fires consumed and not committed yet")
        .register(registry);
    this.deadLettered =
        Counter.builder(DEAD_LETTERED)
            .description("Records of the fires topic that could not be read and were dead-lettered")
            .register(registry);
    this.committed =
        Counter.builder(COMMITTED)
            .description("Fires whose results were committed")
            .register(registry);
    this.executions =
        Counter.builder(EXECUTIONS)
            .description("Executions of fires, by target type and status")
            .withRegistry(registry);
    this.durations =
        Timer.builder(EXECUTION_DURATION)
            .description("How long executing a fire's target took")
            .publishPercentileHistogram()
            .minimumExpectedValue(SHORTEST)
            .maximumExpectedValue(LONGEST_EXECUTION)
            .withRegistry(registry);
    this.lateness =
        Timer.builder(START_LATENESS)
            .description("Time from when a fire attempt was due (dueAt) until a worker started it")
            .publishPercentileHistogram()
            .minimumExpectedValue(SHORTEST)
            .maximumExpectedValue(LONGEST_LATENESS)
            .withRegistry(registry);
    this.latenessFromScheduled =
        Timer.builder(START_LATENESS_FROM_SCHEDULED)
            .description(
                "Time from a fire's nominal time (scheduledAt) until a worker started this attempt;"
                    + " includes retry backoff")
            .publishPercentileHistogram()
            .minimumExpectedValue(SHORTEST)
            .maximumExpectedValue(LONGEST_LATENESS)
            .withRegistry(registry);
    this.loopErrors =
        Counter.builder(LOOP_ERRORS)
            .description("Errors the execution loop recovered from, by kind")
            .withRegistry(registry);
  }

  /** How many fires execute right now; the execution loop's concurrency limit applies to this. */
  AtomicInteger inFlight() {
    return inFlight;
  }

  /** How many fires are held until they are due. */
  AtomicInteger held() {
    return held;
  }

  /** How many fires execute right now. */
  public int inFlightCount() {
    return inFlight.get();
  }

  void started(JobFired fire, Instant startedAt) {
    var trigger = Tags.of("trigger", fire.trigger().name());
    lateness.withTags(trigger).record(notNegative(Duration.between(fire.dueAt(), startedAt)));
    latenessFromScheduled
        .withTags(trigger)
        .record(notNegative(Duration.between(fire.scheduledAt(), startedAt)));
  }

  void finished(String targetType, ExecutionStatus status, Duration duration) {
    var tags = Tags.of("target", targetType, "status", status.name());
    executions.withTags(tags).increment();
    durations.withTags(tags).record(duration);
  }

  void uncommitted(int fires) {
    uncommitted.set(fires);
  }

  void deadLettered() {
    deadLettered.increment();
  }

  void committed(int fires) {
    committed.increment(fires);
  }

  /**
   * An error the execution loop recovered from.
   *
   * @param kind {@code transaction} (a commit failed; uncommitted fires are executed again) or
   *     {@code consumer} (the consumer and producer were closed and created anew)
   */
  void loopError(String kind) {
    loopErrors.withTags("kind", kind).increment();
  }

  private static Duration notNegative(Duration duration) {
    return duration.isNegative() ? Duration.ZERO : duration;
  }
}
