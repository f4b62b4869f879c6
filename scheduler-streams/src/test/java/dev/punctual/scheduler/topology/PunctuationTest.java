package dev.punctual.scheduler.topology;

import static dev.punctual.scheduler.topology.Jobs.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.event.JobFired;
import dev.punctual.model.job.JobStatus;
import dev.punctual.model.schedule.MisfirePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How much one punctuation fires, and what it measures. */
class PunctuationTest extends SchedulerDriverTest {

  private static final Instant T0 = Instant.parse("2027-03-13T07:30:00Z");
  private static final Duration TICK = Duration.ofMillis(50);

  @Test
  void onePunctuationFiresAtMostTheConfiguredNumberAndTheNextOnesFireTheRest() {
    scheduler =
        new SchedulerDriver(T0, TopologySettings.DEFAULTS.withPunctuation(TICK, 2), stateDir);
    for (var id : new String[] {"a", "b", "c", "d", "e"}) {
      scheduler.define(aJob(id).every(Duration.ofHours(1)).createdAt(T0.plusSeconds(1)).build());
    }

    scheduler.advance(Duration.ofSeconds(1));
    assertThat(scheduler.newFires()).hasSize(2);
    scheduler.advance(TICK);
    assertThat(scheduler.newFires()).hasSize(2);
    scheduler.advance(TICK);
    assertThat(scheduler.newFires()).hasSize(1);

    assertThat(scheduler.fires())
        .extracting(JobFired::jobId)
        .containsExactlyInAnyOrder("a", "b", "c", "d", "e");
  }

  @Test
  void catchUpFiresCountTowardsTheWorkOfAPunctuation() {
    scheduler =
        new SchedulerDriver(T0, TopologySettings.DEFAULTS.withPunctuation(TICK, 5), stateDir);
    scheduler.define(
        aJob("all")
            .every(Duration.ofMinutes(1))
            .createdAt(T0.plusSeconds(1))
            .misfirePolicy(MisfirePolicy.FIRE_ALL)
            .build());
    scheduler.define(aJob("other").every(Duration.ofHours(1)).createdAt(T0.plusSeconds(2)).build());

    scheduler.advance(Duration.ofMinutes(30), Duration.ofMinutes(30));
    assertThat(scheduler.newFires()).extracting(JobFired::jobId).hasSize(30).containsOnly("all");
    scheduler.advance(TICK);
    assertThat(scheduler.newFires()).extracting(JobFired::jobId).containsExactly("other");
  }

  @Test
  void theJobsGaugeCountsTheJobsOfEachStatusAsTheyChange() {
    scheduler = new SchedulerDriver(T0, stateDir);
    scheduler.define(aJob("active").every(Duration.ofSeconds(1)).createdAt(T0).build());
    scheduler.define(aJob("paused").every(Duration.ofSeconds(1)).paused(true).build());
    scheduler.define(aJob("twice").every(Duration.ofSeconds(1)).createdAt(T0).maxRuns(2).build());
    assertThat(jobs())
        .containsExactly(entry("ACTIVE", 2.0), entry("PAUSED", 1.0), entry("COMPLETED", 0.0));

    scheduler.advance(Duration.ofSeconds(2));
    assertThat(jobs())
        .containsExactly(entry("ACTIVE", 1.0), entry("PAUSED", 1.0), entry("COMPLETED", 1.0));

    scheduler.define(aJob("paused").every(Duration.ofSeconds(1)).build());
    scheduler.delete("twice");
    scheduler.delete("never-defined");
    assertThat(jobs())
        .containsExactly(entry("ACTIVE", 2.0), entry("PAUSED", 0.0), entry("COMPLETED", 0.0));
  }

  private java.util.Map<String, Double> jobs() {
    var counts = new java.util.LinkedHashMap<String, Double>();
    for (var status : JobStatus.values()) {
      counts.put(
          status.name(),
          scheduler
              .registry()
              .get(SchedulerMetrics.JOBS)
              .tag("status", status.name())
              .gauge()
              .value());
    }
    return counts;
  }

  private static java.util.Map.Entry<String, Double> entry(String status, double count) {
    return java.util.Map.entry(status, count);
  }

  @Test
  void firesAreCountedByTriggerAndTheirLatenessIsMeasured() {
    scheduler = new SchedulerDriver(T0, stateDir);
    scheduler.define(aJob("job").every(Duration.ofSeconds(1)).createdAt(T0.plusMillis(10)).build());
    scheduler.advance(Duration.ofMillis(2_500));
    scheduler.trigger("job", "now");

    var registry = scheduler.registry();
    assertThat(registry.get(SchedulerMetrics.FIRES).tag("trigger", "SCHEDULE").counter().count())
        .isEqualTo(3);
    assertThat(registry.get(SchedulerMetrics.FIRES).tag("trigger", "MANUAL").counter().count())
        .isEqualTo(1);
    for (var meter : new String[] {SchedulerMetrics.FIRE_LATENESS, SchedulerMetrics.FIRE_DELAY}) {
      var lateness = registry.get(meter).tag("trigger", "SCHEDULE").timer();
      assertThat(lateness.count()).isEqualTo(3);
      // due at 10 ms, 1010 ms, 2010 ms; punctuations every 20 ms: 10 ms late each time
      assertThat(lateness.max(TimeUnit.MILLISECONDS)).isEqualTo(10);
      assertThat(lateness.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(30);
    }
    assertThat(
            registry.get(SchedulerMetrics.FIRE_LATENESS).tag("trigger", "MANUAL").timer().count())
        .isEqualTo(1);
  }
}
