package dev.punctual.scheduler.topology;

import dev.punctual.model.event.JobFired;
import dev.punctual.model.event.Trigger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The scheduler's own meters; shared by every task of the application, so thread-safe. */
public final class SchedulerMetrics {

  /** Fires emitted, tagged {@code trigger}. */
  public static final String FIRES = "punctual.scheduler.fires";

  /** {@code firedAt − dueAt} of every fire, tagged {@code trigger}. */
  public static final String FIRE_LATENESS = "punctual.scheduler.fire.lateness";

  /** Input records sent to the dead-letter topic, tagged {@code topic} (where they came from). */
  public static final String DEAD_LETTERS = "punctual.scheduler.dead.letters";

  /** Timers dropped because processing them failed (each indicates a bug), and failed records. */
  public static final String ERRORS = "punctual.scheduler.errors";

  private final MeterRegistry registry;
  private final Map<Trigger, Counter> fires = new EnumMap<>(Trigger.class);
  private final Map<Trigger, Timer> lateness = new EnumMap<>(Trigger.class);
  private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
  private final Counter errors;

  public SchedulerMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (var trigger : Trigger.values()) {
      var tag = trigger.name();
      fires.put(
          trigger,
          Counter.builder(FIRES)
              .description("Fire events emitted")
              .tag("trigger", tag)
              .register(registry));
      lateness.put(
          trigger,
          Timer.builder(FIRE_LATENESS)
              .description("How long after its due time a fire was emitted")
              .tag("trigger", tag)
              .publishPercentileHistogram()
              .minimumExpectedValue(Duration.ofMillis(1))
              .maximumExpectedValue(Duration.ofHours(1))
              .register(registry));
    }
    errors =
        Counter.builder(ERRORS)
            .description("Timers or records whose processing failed unexpectedly")
            .register(registry);
  }

  void fired(JobFired fire) {
    fires.get(fire.trigger()).increment();
    lateness.get(fire.trigger()).record(Duration.between(fire.dueAt(), fire.firedAt()));
  }

  void deadLettered(String sourceTopic) {
    deadLetters
        .computeIfAbsent(
            sourceTopic,
            topic ->
                Counter.builder(DEAD_LETTERS)
                    .description("Input records sent to the dead-letter topic")
                    .tag("topic", topic)
                    .register(registry))
        .increment();
  }

  void failed() {
    errors.increment();
  }
}
