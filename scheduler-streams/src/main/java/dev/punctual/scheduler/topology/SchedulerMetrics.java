package dev.punctual.scheduler.topology;

import dev.punctual.model.event.JobFired;
import dev.punctual.model.event.MissedOccurrences;
import dev.punctual.model.event.Trigger;
import dev.punctual.model.job.JobStatus;
import dev.punctual.model.schedule.MisfirePolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scheduler's own meters, exported at {@code /actuator/prometheus} (dots become underscores,
 * counters get {@code _total}, timers {@code _seconds}); shared by every task of the application,
 * so thread-safe. Timers publish percentile histograms, so Prometheus can compute p99 across
 * instances with {@code histogram_quantile}.
 */
public final class SchedulerMetrics {

  /** Fires emitted, tagged {@code trigger} (SCHEDULE, MANUAL, RETRY). */
  public static final String FIRES = "punctual.scheduler.fires";

  /**
   * {@code firedAt − scheduledAt} of every fire, tagged {@code trigger}: how late after its nominal
   * time an occurrence was emitted. For a retry it includes the backoff; for a catch-up fire the
   * time the scheduler was down.
   */
  public static final String FIRE_LATENESS = "punctual.scheduler.fire.lateness";

  /**
   * {@code firedAt − dueAt} of every fire, tagged {@code trigger}: how long after this attempt was
   * due it was emitted (the scheduler's own delay; for a retry, after its backoff ran out).
   */
  public static final String FIRE_DELAY = "punctual.scheduler.fire.delay";

  /** Jobs in the stores of this instance's active tasks, tagged {@code status}. */
  public static final String JOBS = "punctual.scheduler.jobs";

  /**
   * Occurrences missed (processed more than the misfire threshold late), tagged {@code policy} (the
   * job's misfire policy).
   */
  public static final String MISSED = "punctual.scheduler.occurrences.missed";

  /**
   * Missed occurrences that got no fire of their own (all under SKIP, all but the one fired under
   * FIRE_ONCE, those outside the catch-up window or beyond the cap under FIRE_ALL), tagged {@code
   * policy}.
   */
  public static final String SKIPPED = "punctual.scheduler.occurrences.skipped";

  /**
   * Records written to the missed topic, tagged {@code reason} ({@code MISFIRE}: one per misfire
   * episode; {@code OVERLAP}: one per occurrence skipped because an earlier run was still open).
   */
  public static final String MISSED_RECORDS = "punctual.scheduler.missed";

  /** Failed attempts for which a retry was scheduled. */
  public static final String RETRIES = "punctual.scheduler.retries.scheduled";

  /** Results ignored as duplicates, superseded, or of deleted jobs. */
  public static final String RESULTS_IGNORED = "punctual.scheduler.results.ignored";

  /**
   * Records sent to the dead-letter topic, tagged {@code topic} (where the record that caused it
   * came from) and {@code reason}: {@value #UNUSABLE_INPUT}, {@value #RETRIES_EXHAUSTED} or {@value
   * #NOT_RETRYABLE} (a failure the worker reported as not retryable).
   */
  public static final String DEAD_LETTERS = "punctual.scheduler.dead.letters";

  /** Timers dropped because processing them failed (each indicates a bug), and failed records. */
  public static final String ERRORS = "punctual.scheduler.errors";

  static final String UNUSABLE_INPUT = "unusable-input";
  static final String RETRIES_EXHAUSTED = "retries-exhausted";
  static final String NOT_RETRYABLE = "not-retryable";

  private final MeterRegistry registry;
  private final Map<Trigger, Counter> fires = new EnumMap<>(Trigger.class);
  private final Map<Trigger, Timer> lateness = new EnumMap<>(Trigger.class);
  private final Map<Trigger, Timer> delay = new EnumMap<>(Trigger.class);
  private final Map<MisfirePolicy, Counter> missed = new EnumMap<>(MisfirePolicy.class);
  private final Map<MisfirePolicy, Counter> skipped = new EnumMap<>(MisfirePolicy.class);
  private final Map<MissedOccurrences.Reason, Counter> missedRecords =
      new EnumMap<>(MissedOccurrences.Reason.class);
  private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
  private final Counter retries;
  private final Counter ignoredResults;
  private final Counter errors;
  private final JobCounts jobCounts = new JobCounts();

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
          histogram(
                  FIRE_LATENESS, "How long after its nominal time (scheduledAt) a fire was emitted")
              .tag("trigger", tag)
              .maximumExpectedValue(Duration.ofHours(1))
              .register(registry));
      delay.put(
          trigger,
          histogram(FIRE_DELAY, "How long after its due time (dueAt) a fire was emitted")
              .tag("trigger", tag)
              .maximumExpectedValue(Duration.ofMinutes(10))
              .register(registry));
    }
    for (var policy : MisfirePolicy.values()) {
      missed.put(
          policy,
          Counter.builder(MISSED)
              .description("Occurrences processed more than the misfire threshold late")
              .tag("policy", policy.name())
              .register(registry));
      skipped.put(
          policy,
          Counter.builder(SKIPPED)
              .description("Missed occurrences that got no fire of their own")
              .tag("policy", policy.name())
              .register(registry));
    }
    for (var reason : MissedOccurrences.Reason.values()) {
      missedRecords.put(
          reason,
          Counter.builder(MISSED_RECORDS)
              .description("Records written to the missed topic")
              .tag("reason", reason.name())
              .register(registry));
    }
    for (var status : JobStatus.values()) {
      Gauge.builder(JOBS, jobCounts, counts -> counts.total(status))
          .description("Jobs held by this instance's active tasks")
          .tag("status", status.name())
          .strongReference(true)
          .register(registry);
    }
    retries =
        Counter.builder(RETRIES)
            .description("Failed attempts for which a retry was scheduled")
            .register(registry);
    ignoredResults =
        Counter.builder(RESULTS_IGNORED)
            .description("Results ignored: duplicates, superseded, or of deleted jobs")
            .register(registry);
    errors =
        Counter.builder(ERRORS)
            .description("Timers or records whose processing failed unexpectedly")
            .register(registry);
  }

  JobCounts jobCounts() {
    return jobCounts;
  }

  void fired(JobFired fire) {
    fires.get(fire.trigger()).increment();
    // A fire emitted early (lead time) counts as on time: a timer drops negative durations, and
    // the count must still be the number of fires.
    lateness.get(fire.trigger()).record(notNegative(fire.scheduledAt(), fire.firedAt()));
    delay.get(fire.trigger()).record(notNegative(fire.dueAt(), fire.firedAt()));
  }

  void missed(MisfirePolicy policy, long missedOccurrences, long skippedOccurrences) {
    missed.get(policy).increment(missedOccurrences);
    skipped.get(policy).increment(skippedOccurrences);
  }

  void missedRecord(MissedOccurrences.Reason reason) {
    missedRecords.get(reason).increment();
  }

  void retryScheduled() {
    retries.increment();
  }

  void resultIgnored() {
    ignoredResults.increment();
  }

  void deadLettered(String sourceTopic, String reason) {
    deadLetters
        .computeIfAbsent(
            sourceTopic + "|" + reason,
            key ->
                Counter.builder(DEAD_LETTERS)
                    .description("Records sent to the dead-letter topic")
                    .tag("topic", sourceTopic)
                    .tag("reason", reason)
                    .register(registry))
        .increment();
  }

  void failed() {
    errors.increment();
  }

  private static Timer.Builder histogram(String name, String description) {
    return Timer.builder(name)
        .description(description)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1));
  }

  private static Duration notNegative(Instant from, Instant to) {
    return from.isBefore(to) ? Duration.between(from, to) : Duration.ZERO;
  }
}
