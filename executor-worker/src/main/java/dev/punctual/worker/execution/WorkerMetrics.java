package dev.punctual.worker.execution;

import dev.punctual.model.event.ExecutionStatus;
import dev.punctual.model.event.JobFired;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker's meters: executions by target type and status, their duration, how many run now, how
 * late they start, dead-lettered records and errors of the execution loop.
 */
public final class WorkerMetrics {

  public static final String EXECUTIONS = "punctual.worker.executions";
  public static final String EXECUTION_DURATION = "punctual.worker.execution.duration";
  public static final String IN_FLIGHT = "punctual.worker.in.flight";
  public static final String START_LATENESS = "punctual.worker.start.lateness";
  public static final String DEAD_LETTERED = "punctual.worker.dead.lettered";
  public static final String LOOP_ERRORS = "punctual.worker.loop.errors";
  public static final String COMMITTED = "punctual.worker.committed";

  private final MeterRegistry registry;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Counter deadLettered;
  private final Counter committed;

  public WorkerMetrics(MeterRegistry registry) {
    this.registry = registry;
    registry.gauge(IN_FLIGHT, inFlight);
    this.deadLettered =
        Counter.builder(DEAD_LETTERED)
            .description("Records of the fires topic that could not be read and were dead-lettered")
            .register(registry);
    this.committed =
        Counter.builder(COMMITTED)
            .description("Fires whose results were committed")
            .register(registry);
  }

  /** How many fires execute right now; the execution loop's concurrency limit applies to this. */
  AtomicInteger inFlight() {
    return inFlight;
  }

  void started(JobFired fire, Instant startedAt) {
    var lateness = Duration.between(fire.dueAt(), startedAt);
    Timer.builder(START_LATENESS)
        .description("Time from when a fire was due (dueAt) until a worker started executing it")
        .tag("trigger", fire.trigger().name())
        .register(registry)
        .record(lateness.isNegative() ? Duration.ZERO : lateness);
  }

  void finished(String targetType, ExecutionStatus status, Duration duration) {
    Counter.builder(EXECUTIONS)
        .description("Executions of fires, by target type and status")
        .tag("target", targetType)
        .tag("status", status.name())
        .register(registry)
        .increment();
    Timer.builder(EXECUTION_DURATION)
        .description("How long executing a fire's target took")
        .tag("target", targetType)
        .tag("status", status.name())
        .register(registry)
        .record(duration);
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
    Counter.builder(LOOP_ERRORS)
        .description("Errors the execution loop recovered from, by kind")
        .tag("kind", kind)
        .register(registry)
        .increment();
  }
}
