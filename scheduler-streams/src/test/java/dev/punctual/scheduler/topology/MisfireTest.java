package dev.punctual.scheduler.topology;

import static dev.punctual.scheduler.topology.Jobs.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.event.JobFired;
import dev.punctual.model.event.Trigger;
import dev.punctual.model.job.JobStatus;
import dev.punctual.model.schedule.MisfirePolicy;
import dev.punctual.scheduler.timer.TimerKey;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Occurrences the scheduler could not fire on time, because it was down or far behind, follow the
 * job's misfire policy. Each test simulates an outage of three hours: the wall clock jumps and one
 * punctuation sees everything that fell due meanwhile.
 */
class MisfireTest extends SchedulerDriverTest {

  private static final Instant T0 = Instant.parse("2027-03-13T07:30:00Z");
  private static final Duration PUNCTUATION = TopologySettings.DEFAULTS.punctuationInterval();
  private static final Duration OUTAGE = Duration.ofHours(3);

  /** Starts at T0, defines the job, lets its first occurrence (T0) fire, then the outage. */
  private Instant afterAnOutage(Jobs job) {
    return afterAnOutage(job, TopologySettings.DEFAULTS);
  }

  private Instant afterAnOutage(Jobs job, TopologySettings settings) {
    scheduler = new SchedulerDriver(T0, settings, stateDir);
    scheduler.define(job.createdAt(T0).build());
    scheduler.advance(PUNCTUATION);
    assertThat(scheduler.newFires()).extracting(JobFired::scheduledAt).containsExactly(T0);
    scheduler.advance(OUTAGE, OUTAGE);
    return scheduler.now();
  }

  @Test
  void fireOnceFiresOnceForTheMostRecentMissedOccurrenceAndCountsTheRest() {
    var now = afterAnOutage(aJob("report").every(Duration.ofMinutes(1)));

    assertThat(scheduler.newFires())
        .singleElement()
        .satisfies(
            fire -> {
              assertThat(fire.scheduledAt()).isEqualTo(at(180));
              assertThat(fire.fireId()).isEqualTo("report@" + at(180).toEpochMilli());
              assertThat(fire.missed()).isEqualTo(180);
              assertThat(fire.firedAt()).isEqualTo(now);
              assertThat(fire.trigger()).isEqualTo(Trigger.SCHEDULE);
            });
    assertThat(scheduler.timers()).containsExactly(TimerKey.scheduled(at(181), "report"));
    assertMissed(MisfirePolicy.FIRE_ONCE, 180, 179);

    scheduler.advance(Duration.ofMinutes(1));
    assertThat(scheduler.newFires())
        .singleElement()
        .satisfies(
            fire -> {
              assertThat(fire.scheduledAt()).isEqualTo(at(181));
              assertThat(fire.missed()).isZero();
            });
  }

  @Test
  void fireOnceCountsOnlyTheOccurrencesInsideTheCatchUpWindow() {
    afterAnOutage(
        aJob("report").every(Duration.ofMinutes(1)).catchUpWindow(Duration.ofMinutes(30)));

    assertThat(scheduler.newFires())
        .singleElement()
        .satisfies(
            fire -> {
              assertThat(fire.scheduledAt()).isEqualTo(at(180));
              assertThat(fire.missed()).isEqualTo(30);
            });
    assertMissed(MisfirePolicy.FIRE_ONCE, 180, 179);
  }

  @Test
  void fireOnceDoesNotFireWhenNoMissedOccurrenceIsInsideTheCatchUpWindow() {
    scheduler = new SchedulerDriver(T0, stateDir);
    scheduler.define(
        aJob("hourly").cron("0 * * * *", "UTC").catchUpWindow(Duration.ofMinutes(10)).build());

    // down from 07:30 to 10:30: 08:00, 09:00 and 10:00 missed, the latest 30 min old
    scheduler.advance(OUTAGE, OUTAGE);

    assertThat(scheduler.fires()).isEmpty();
    assertMissed(MisfirePolicy.FIRE_ONCE, 3, 3);
    assertThat(scheduler.state("hourly").nextFireAt())
        .isEqualTo(Instant.parse("2027-03-13T11:00:00Z"));
  }

  @Test
  void skipFiresNothingAndContinuesWithTheNextFutureOccurrence() {
    afterAnOutage(aJob("report").every(Duration.ofMinutes(1)).misfirePolicy(MisfirePolicy.SKIP));

    assertThat(scheduler.newFires()).isEmpty();
    assertThat(scheduler.timers()).containsExactly(TimerKey.scheduled(at(181), "report"));
    assertMissed(MisfirePolicy.SKIP, 180, 180);
    var state = scheduler.state("report");
    assertThat(state.runs()).isEqualTo(1);
    assertThat(state.lastScheduledAt()).isEqualTo(T0);

    scheduler.advance(Duration.ofMinutes(1));
    assertThat(scheduler.newFires()).extracting(JobFired::scheduledAt).containsExactly(at(181));
  }

  @Test
  void fireAllFiresEachMissedOccurrenceInsideTheCatchUpWindowInOrder() {
    var now =
        afterAnOutage(
            aJob("report")
                .every(Duration.ofMinutes(1))
                .misfirePolicy(MisfirePolicy.FIRE_ALL)
                .catchUpWindow(Duration.ofHours(1)));

    var fires = scheduler.newFires();
    // the window reaches back to 10:30:00.050, so 10:31 … 13:30 (minutes 121 … 180)
    assertThat(fires)
        .extracting(JobFired::scheduledAt)
        .containsExactlyElementsOf(IntStream.rangeClosed(121, 180).mapToObj(m -> at(m)).toList());
    assertThat(fires)
        .allSatisfy(
            fire -> {
              assertThat(fire.missed()).isEqualTo(1);
              assertThat(fire.firedAt()).isEqualTo(now);
              assertThat(fire.dueAt()).isEqualTo(fire.scheduledAt());
            });
    assertMissed(MisfirePolicy.FIRE_ALL, 180, 120);
    assertThat(scheduler.state("report").runs()).isEqualTo(61);
    assertThat(scheduler.timers()).containsExactly(TimerKey.scheduled(at(181), "report"));
  }

  @Test
  void fireAllIsBoundedByTheConfiguredCapOldestFirst() {
    afterAnOutage(
        aJob("report").every(Duration.ofMinutes(1)).misfirePolicy(MisfirePolicy.FIRE_ALL),
        TopologySettings.DEFAULTS.withMaxCatchUpFires(10));

    assertThat(scheduler.newFires())
        .extracting(JobFired::scheduledAt)
        .containsExactlyElementsOf(IntStream.rangeClosed(1, 10).mapToObj(m -> at(m)).toList());
    assertMissed(MisfirePolicy.FIRE_ALL, 180, 170);
    assertThat(scheduler.timers()).containsExactly(TimerKey.scheduled(at(181), "report"));
  }

  @Test
  void fireAllStopsAtMaxRunsAndTheJobCompletes() {
    afterAnOutage(
        aJob("five").every(Duration.ofMinutes(1)).misfirePolicy(MisfirePolicy.FIRE_ALL).maxRuns(5));

    assertThat(scheduler.newFires())
        .extracting(JobFired::scheduledAt)
        .containsExactly(at(1), at(2), at(3), at(4));
    assertThat(scheduler.state("five").status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(scheduler.state("five").runs()).isEqualTo(5);
    assertThat(scheduler.timers()).isEmpty();
  }

  @Test
  void anEverySecondJobIsCaughtUpWithoutWalkingItsTenThousandMissedOccurrences() {
    var now = afterAnOutage(aJob("ticker").every(Duration.ofSeconds(1)));

    assertThat(scheduler.newFires())
        .singleElement()
        .satisfies(
            fire -> {
              assertThat(fire.scheduledAt()).isEqualTo(T0.plus(OUTAGE));
              assertThat(fire.missed()).isEqualTo(10_800);
              assertThat(fire.firedAt()).isEqualTo(now);
            });
    assertMissed(MisfirePolicy.FIRE_ONCE, 10_800, 10_799);
  }

  @Test
  void anEverySecondCronJobIsCaughtUpWithABoundedWalk() {
    var now = afterAnOutage(aJob("ticker").cron("* * * * * *", "Europe/Berlin").startAt(T0));

    assertThat(scheduler.newFires())
        .singleElement()
        .satisfies(
            fire -> {
              assertThat(fire.scheduledAt()).isEqualTo(T0.plus(OUTAGE));
              // walked 1,000, extrapolated the rest: exact for a regular expression
              assertThat(fire.missed()).isEqualTo(10_800);
              assertThat(fire.firedAt()).isEqualTo(now);
            });
    assertThat(scheduler.state("ticker").nextFireAt()).isEqualTo(T0.plus(OUTAGE).plusSeconds(1));
  }

  @Test
  void aOneTimeJobDueDuringTheOutageFiresOnceAsACatchUpAndCompletes() {
    scheduler = new SchedulerDriver(T0, stateDir);
    scheduler.define(aJob("once").at(at(60)).build());
    scheduler.advance(OUTAGE, OUTAGE);

    assertThat(scheduler.fires())
        .singleElement()
        .satisfies(
            fire -> {
              assertThat(fire.scheduledAt()).isEqualTo(at(60));
              assertThat(fire.missed()).isEqualTo(1);
            });
    assertThat(scheduler.state("once").status()).isEqualTo(JobStatus.COMPLETED);
  }

  @Test
  void aOneTimeJobWithSkipDueDuringTheOutageCompletesWithoutFiring() {
    scheduler = new SchedulerDriver(T0, stateDir);
    scheduler.define(aJob("once").at(at(60)).misfirePolicy(MisfirePolicy.SKIP).build());
    scheduler.advance(OUTAGE, OUTAGE);

    assertThat(scheduler.fires()).isEmpty();
    assertThat(scheduler.state("once").status()).isEqualTo(JobStatus.COMPLETED);
    assertMissed(MisfirePolicy.SKIP, 1, 1);
  }

  @Test
  void anOccurrenceUpToTheMisfireThresholdLateWhoseNextIsNotDueFiresNormally() {
    scheduler = new SchedulerDriver(T0, stateDir);
    var first = T0.plusMillis(1);
    scheduler.define(aJob("busy").every(Duration.ofMinutes(2)).createdAt(first).build());

    // the first occurrence is processed exactly 60 s late, its next one 60 s ahead: late, not
    // missed
    scheduler.advance(Duration.ofMillis(60_001), Duration.ofMillis(60_001));

    assertThat(scheduler.fires())
        .singleElement()
        .satisfies(
            fire -> {
              assertThat(fire.scheduledAt()).isEqualTo(first);
              assertThat(fire.missed()).isZero();
            });
    assertMissed(MisfirePolicy.FIRE_ONCE, 0, 0);
    assertThat(scheduler.missed()).isEmpty();
  }

  @Test
  void anOccurrenceProcessedMoreThanTheThresholdLateIsMissed() {
    scheduler = new SchedulerDriver(T0, stateDir);
    var first = T0.plusMillis(1);
    scheduler.define(aJob("busy").every(Duration.ofMinutes(2)).createdAt(first).build());

    scheduler.advance(Duration.ofMillis(60_002), Duration.ofMillis(60_002));

    assertThat(scheduler.fires())
        .singleElement()
        .satisfies(
            fire -> {
              assertThat(fire.scheduledAt()).isEqualTo(first);
              assertThat(fire.missed()).isEqualTo(1);
            });
    assertThat(scheduler.missed())
        .singleElement()
        .satisfies(
            missed -> {
              assertThat(missed.from()).isEqualTo(first);
              assertThat(missed.to()).isEqualTo(first);
              assertThat(missed.count()).isEqualTo(1);
              assertThat(missed.firedScheduledAt()).isEqualTo(first);
            });
  }

  @Test
  void aRestartedSchedulerCatchesUpEveryJobDueWhileItWasDownInOnePunctuation() {
    scheduler = new SchedulerDriver(T0, stateDir);
    for (int i = 0; i < 50; i++) {
      scheduler.define(
          aJob("job-" + i).every(Duration.ofMinutes(7 + i)).createdAt(T0.plusSeconds(i)).build());
    }
    scheduler.advance(Duration.ofSeconds(50), Duration.ofSeconds(1));
    assertThat(scheduler.newFires()).hasSize(50);

    scheduler.advance(OUTAGE, OUTAGE);

    var fires = scheduler.newFires();
    assertThat(fires).hasSize(50).extracting(JobFired::missed).allMatch(missed -> missed > 0);
    assertThat(scheduler.timers())
        .allSatisfy(timer -> assertThat(timer.dueAt()).isAfter(scheduler.now()));
  }

  private void assertMissed(MisfirePolicy policy, long missed, long skipped) {
    var registry = scheduler.registry();
    assertThat(registry.get(SchedulerMetrics.MISSED).tag("policy", policy.name()).counter().count())
        .as("missed occurrences")
        .isEqualTo(missed);
    assertThat(
            registry.get(SchedulerMetrics.SKIPPED).tag("policy", policy.name()).counter().count())
        .as("skipped occurrences")
        .isEqualTo(skipped);
  }

  private static Instant at(long minutesAfterT0) {
    return T0.plus(Duration.ofMinutes(minutesAfterT0));
  }
}
