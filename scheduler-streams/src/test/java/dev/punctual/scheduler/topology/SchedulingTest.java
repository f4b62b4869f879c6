package dev.punctual.scheduler.topology;

import static dev.punctual.scheduler.topology.Jobs.aJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.punctual.model.event.JobFired;
import dev.punctual.model.event.Trigger;
import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.job.JobStatus;
import dev.punctual.model.schedule.MisfirePolicy;
import dev.punctual.scheduler.timer.TimerKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scheduled fires of interval, cron and one-time jobs, and how updates change them. */
class SchedulingTest extends SchedulerDriverTest {

  private static final Instant T0 = Instant.parse("2027-03-13T07:30:00Z");
  private static final Duration PUNCTUATION = TopologySettings.DEFAULTS.punctuationInterval();

  private SchedulerDriver start(Instant at) {
    scheduler = new SchedulerDriver(at, stateDir);
    return scheduler;
  }

  @Test
  void firesAnIntervalJobAtEachOccurrenceAndNeverBeforeItIsDue() {
    start(T0);
    var job = aJob("report").every(Duration.ofSeconds(2)).createdAt(T0.plusMillis(100)).build();

    scheduler.define(job);
    scheduler.advance(Duration.ofSeconds(9));

    var fires = scheduler.fires();
    assertThat(fires)
        .extracting(JobFired::scheduledAt)
        .containsExactly(at(100), at(2_100), at(4_100), at(6_100), at(8_100));
    assertThat(fires)
        .extracting(JobFired::fireId)
        .containsExactly(
            "report@" + at(100).toEpochMilli(),
            "report@" + at(2_100).toEpochMilli(),
            "report@" + at(4_100).toEpochMilli(),
            "report@" + at(6_100).toEpochMilli(),
            "report@" + at(8_100).toEpochMilli());
    for (var fire : fires) {
      assertThat(fire.dueAt()).isEqualTo(fire.scheduledAt());
      assertThat(fire.firedAt()).isBetween(fire.dueAt(), fire.dueAt().plus(PUNCTUATION));
      assertThat(fire.trigger()).isEqualTo(Trigger.SCHEDULE);
      assertThat(fire.attempt()).isEqualTo(1);
      assertThat(fire.missed()).isZero();
      assertThat(fire.jobId()).isEqualTo("report");
      assertThat(fire.target()).isEqualTo(job.target());
      assertThat(fire.parameters()).isEqualTo(job.parameters());
    }
    assertThat(scheduler.timers()).containsExactly(TimerKey.scheduled(at(10_100), "report"));
  }

  @Test
  void anchorsAnIntervalWithoutCreatedAtAtTheTimeTheSchedulerFirstSeesIt() {
    start(T0);
    scheduler.advance(Duration.ofMillis(320), Duration.ofMillis(10));

    scheduler.define(aJob("direct").every(Duration.ofSeconds(2)).build());
    scheduler.advance(Duration.ofSeconds(5));

    assertThat(scheduler.fires())
        .extracting(JobFired::scheduledAt)
        .containsExactly(at(320), at(2_320), at(4_320));
    assertThat(scheduler.state("direct").anchor()).isEqualTo(at(320));
  }

  @Test
  void aJobProcessedAfterItsFirstOccurrencesCatchesThemUpIfItWasWrittenBeforeThem() {
    // written at T0, processed 20 s later (the scheduler was restarting): nothing is lost; the
    // four occurrences due meanwhile are a misfire (the next one was due too), caught up once
    start(T0.plusSeconds(20));
    var job = aJob("new").every(Duration.ofSeconds(5)).startAt(at(1_000)).build();

    scheduler.defineWrittenAt(job, T0);

    assertThat(scheduler.fires())
        .singleElement()
        .satisfies(
            fire -> {
              assertThat(fire.scheduledAt()).isEqualTo(at(16_000));
              assertThat(fire.missed()).isEqualTo(4);
            });
    assertThat(scheduler.missed()).extracting(m -> m.count()).containsExactly(4L);
    assertThat(scheduler.state("new").nextFireAt()).isEqualTo(at(21_000));
  }

  @Test
  void aJobProcessedAfterItsFirstOccurrenceFiresItIfItWasWrittenBeforeIt() {
    // written at T0, processed 3 s later: its occurrence at 1 s fires, late but not missed
    start(T0.plusSeconds(3));
    var job = aJob("new").every(Duration.ofSeconds(5)).startAt(at(1_000)).build();

    scheduler.defineWrittenAt(job, T0);

    assertThat(scheduler.fires()).extracting(JobFired::scheduledAt).containsExactly(at(1_000));
    assertThat(scheduler.fires()).extracting(JobFired::missed).containsOnly(0);
    assertThat(scheduler.state("new").nextFireAt()).isEqualTo(at(6_000));
  }

  @Test
  void aDefinitionWrittenLongerAgoThanTheMisfireThresholdStartsFromNow() {
    // an old topic read by a new scheduler: jobs it never knew are not caught up
    start(T0.plus(Duration.ofMinutes(10)));
    var job = aJob("old").every(Duration.ofSeconds(5)).startAt(at(1_000)).build();

    scheduler.defineWrittenAt(job, T0);
    scheduler.defineWrittenAt(
        aJob("anchorless").every(Duration.ofSeconds(5)).build(), T0.plusSeconds(1));

    // the first occurrence of an interval without startAt or createdAt is its anchor: now
    assertThat(scheduler.fires())
        .singleElement()
        .satisfies(
            fire -> {
              assertThat(fire.jobId()).isEqualTo("anchorless");
              assertThat(fire.scheduledAt()).isEqualTo(scheduler.now());
            });
    assertThat(scheduler.state("old").nextFireAt()).isEqualTo(at(601_000));
  }

  @Test
  void aDefinitionStampedInTheFutureCountsFromNow() {
    start(T0);
    scheduler.defineWrittenAt(aJob("ahead").every(Duration.ofSeconds(5)).build(), at(30_000));

    assertThat(scheduler.state("ahead").anchor()).isEqualTo(T0);
    assertThat(scheduler.fires()).extracting(JobFired::scheduledAt).containsExactly(T0);
  }

  @Test
  void firesACronJobAtTheWallTimeOfItsTimeZone() {
    // 09:30 in Kolkata (UTC+05:30) is 04:00 UTC
    start(Instant.parse("2027-03-13T03:59:00Z"));

    scheduler.define(aJob("standup").cron("30 9 * * *", "Asia/Kolkata").build());
    scheduler.advance(Duration.ofSeconds(59), Duration.ofSeconds(1));
    assertThat(scheduler.fires()).isEmpty();
    scheduler.advance(Duration.ofSeconds(2));

    assertThat(scheduler.fires())
        .singleElement()
        .satisfies(
            fire -> {
              assertThat(fire.scheduledAt()).isEqualTo(Instant.parse("2027-03-13T04:00:00Z"));
              assertThat(fire.fireId()).isEqualTo("standup@" + fire.scheduledAt().toEpochMilli());
            });
    assertThat(scheduler.state("standup").nextFireAt())
        .isEqualTo(Instant.parse("2027-03-14T04:00:00Z"));
  }

  @Test
  void aTombstoneDeletesTheJobAndStopsItsFires() {
    start(T0);
    scheduler.define(aJob("doomed").every(Duration.ofSeconds(1)).createdAt(T0).build());
    scheduler.advance(Duration.ofMillis(2_500));
    assertThat(scheduler.newFires()).hasSize(3);

    scheduler.delete("doomed");
    scheduler.advance(Duration.ofSeconds(5));

    assertThat(scheduler.newFires()).isEmpty();
    assertThat(scheduler.state("doomed")).isNull();
    assertThat(scheduler.timers()).isEmpty();
  }

  @Test
  void anUpdateReplacesTheScheduleAndNothingFiresAtTheOldTime() {
    start(T0);
    var anchor = at(1_000);
    scheduler.define(aJob("job").every(Duration.ofSeconds(10)).createdAt(anchor).build());
    scheduler.advance(Duration.ofSeconds(2));

    scheduler.define(aJob("job").every(Duration.ofSeconds(3)).createdAt(anchor).version(2).build());
    scheduler.advance(Duration.ofSeconds(10));

    // the old schedule would have fired at 11 s; the new one fires at 4, 7 and 10 s
    assertThat(scheduler.fires())
        .extracting(JobFired::scheduledAt)
        .containsExactly(at(1_000), at(4_000), at(7_000), at(10_000));
    assertThat(scheduler.timers()).containsExactly(TimerKey.scheduled(at(13_000), "job"));
  }

  @Test
  void anUpdateRightAfterAFireDoesNotFireThatOccurrenceAgain() {
    start(T0);
    scheduler.define(aJob("job").every(Duration.ofSeconds(2)).createdAt(T0).build());
    scheduler.advance(PUNCTUATION);
    assertThat(scheduler.newFires()).extracting(JobFired::scheduledAt).containsExactly(T0);

    scheduler.define(
        aJob("job").every(Duration.ofSeconds(2)).createdAt(T0).url("https://b.example").build());
    scheduler.advance(Duration.ofSeconds(3));

    assertThat(scheduler.newFires())
        .singleElement()
        .satisfies(
            fire -> {
              assertThat(fire.scheduledAt()).isEqualTo(at(2_000));
              assertThat(fire.target()).isEqualTo(HttpTarget.post("https://b.example"));
            });
  }

  @Test
  void anOccurrenceOverdueWhenAnUpdateArrivesFiresUnderTheOldDefinition() {
    var every50ms = TopologySettings.DEFAULTS.withPunctuation(Duration.ofMillis(50), 10_000);
    scheduler = new SchedulerDriver(T0, every50ms, stateDir);
    scheduler.define(aJob("job").every(Duration.ofSeconds(2)).createdAt(at(20)).build());
    scheduler.advance(Duration.ofMillis(30)); // past 20 ms, before the first punctuation (50 ms)
    assertThat(scheduler.newFires()).isEmpty();

    scheduler.define(
        aJob("job")
            .every(Duration.ofSeconds(2))
            .createdAt(at(20))
            .url("https://b.example")
            .build());
    scheduler.advance(Duration.ofSeconds(2));

    assertThat(scheduler.fires())
        .satisfiesExactly(
            overdue -> {
              assertThat(overdue.scheduledAt()).isEqualTo(at(20));
              assertThat(overdue.target()).isEqualTo(HttpTarget.post("https://example.com/run"));
            },
            next -> {
              assertThat(next.scheduledAt()).isEqualTo(at(2_020));
              assertThat(next.target()).isEqualTo(HttpTarget.post("https://b.example"));
            });
  }

  @Test
  void aPausedJobDoesNotFireAndOnResumeContinuesFromTheNextOccurrence() {
    start(T0);
    var paused = aJob("job").every(Duration.ofSeconds(2)).createdAt(T0).paused(true).version(1);
    scheduler.define(paused.build());
    scheduler.advance(Duration.ofSeconds(5));

    assertThat(scheduler.fires()).isEmpty();
    assertThat(scheduler.state("job").status()).isEqualTo(JobStatus.PAUSED);
    assertThat(scheduler.timers()).isEmpty();

    scheduler.define(paused.paused(false).version(2).build());
    scheduler.advance(Duration.ofSeconds(4));

    assertThat(scheduler.fires())
        .extracting(JobFired::scheduledAt)
        .containsExactly(at(6_000), at(8_000));
    assertThat(scheduler.state("job").status()).isEqualTo(JobStatus.ACTIVE);
  }

  @Test
  void pausingARunningJobStopsItsFires() {
    start(T0);
    var job = aJob("job").every(Duration.ofSeconds(1)).createdAt(T0);
    scheduler.define(job.build());
    scheduler.advance(Duration.ofMillis(1_500));
    assertThat(scheduler.newFires()).hasSize(2);

    scheduler.define(job.paused(true).build());
    scheduler.advance(Duration.ofSeconds(3));

    assertThat(scheduler.newFires()).isEmpty();
    assertThat(scheduler.timers()).isEmpty();
  }

  @Test
  void maxRunsCompletesTheJob() {
    start(T0);
    scheduler.define(aJob("thrice").every(Duration.ofSeconds(1)).createdAt(T0).maxRuns(3).build());
    scheduler.advance(Duration.ofSeconds(6));

    assertThat(scheduler.fires())
        .extracting(JobFired::scheduledAt)
        .containsExactly(T0, at(1_000), at(2_000));
    var state = scheduler.state("thrice");
    assertThat(state.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(state.runs()).isEqualTo(3);
    assertThat(scheduler.timers()).isEmpty();
  }

  @Test
  void anOccurrenceExactlyAtEndAtStillFiresAndThenTheJobCompletes() {
    start(T0);
    scheduler.define(
        aJob("bounded").every(Duration.ofSeconds(1)).createdAt(T0).endAt(at(2_000)).build());
    scheduler.advance(Duration.ofSeconds(5));

    assertThat(scheduler.fires())
        .extracting(JobFired::scheduledAt)
        .containsExactly(T0, at(1_000), at(2_000));
    assertThat(scheduler.state("bounded").status()).isEqualTo(JobStatus.COMPLETED);
  }

  @Test
  void aOneTimeJobFiresOnceAndCompletes() {
    start(T0);
    scheduler.define(aJob("once").at(at(3_000)).build());
    scheduler.advance(Duration.ofSeconds(10));

    assertThat(scheduler.fires())
        .singleElement()
        .satisfies(
            fire -> {
              assertThat(fire.scheduledAt()).isEqualTo(at(3_000));
              assertThat(fire.missed()).isZero();
            });
    assertThat(scheduler.state("once").status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(scheduler.timers()).isEmpty();
  }

  @Test
  void aNewOneTimeJobWhoseTimeIsLongPastFiresOnceRightAwayAsACatchUp() {
    start(T0);
    var at = T0.minus(Duration.ofMinutes(10));
    scheduler.define(aJob("late").at(at).build());

    assertThat(scheduler.fires())
        .singleElement()
        .satisfies(
            fire -> {
              assertThat(fire.scheduledAt()).isEqualTo(at);
              assertThat(fire.firedAt()).isEqualTo(T0);
              assertThat(fire.missed()).isEqualTo(1);
            });
    scheduler.advance(Duration.ofSeconds(2));
    assertThat(scheduler.fires()).hasSize(1);
    assertThat(scheduler.state("late").status()).isEqualTo(JobStatus.COMPLETED);
  }

  @Test
  void aNewOneTimeJobLessLateThanTheMisfireThresholdFiresNormally() {
    start(T0);
    scheduler.define(aJob("lagged").at(T0.minusSeconds(5)).build());

    assertThat(scheduler.fires()).singleElement().extracting(JobFired::missed).isEqualTo(0);
  }

  @Test
  void aNewOneTimeJobLongPastWithMisfirePolicySkipCompletesWithoutFiring() {
    start(T0);
    scheduler.define(
        aJob("skip")
            .at(T0.minus(Duration.ofMinutes(10)))
            .misfirePolicy(MisfirePolicy.SKIP)
            .build());
    scheduler.advance(Duration.ofSeconds(1));

    assertThat(scheduler.fires()).isEmpty();
    assertThat(scheduler.state("skip").status()).isEqualTo(JobStatus.COMPLETED);
  }

  @Test
  void aNewOneTimeJobPastItsCatchUpWindowCompletesWithoutFiring() {
    start(T0);
    scheduler.define(
        aJob("stale")
            .at(T0.minus(Duration.ofMinutes(10)))
            .catchUpWindow(Duration.ofMinutes(5))
            .build());
    scheduler.advance(Duration.ofSeconds(1));

    assertThat(scheduler.fires()).isEmpty();
    assertThat(scheduler.state("stale").status()).isEqualTo(JobStatus.COMPLETED);
  }

  @Test
  void aDefinitionWithALowerVersionThanTheKnownOneIsIgnored() {
    start(T0);
    scheduler.define(
        aJob("job")
            .every(Duration.ofSeconds(1))
            .createdAt(T0)
            .url("https://v2.example")
            .version(2)
            .build());
    scheduler.define(
        aJob("job")
            .every(Duration.ofSeconds(1))
            .createdAt(T0)
            .url("https://v1.example")
            .version(1)
            .build());
    scheduler.advance(Duration.ofMillis(1_500));

    assertThat(scheduler.fires())
        .hasSize(2)
        .extracting(JobFired::target)
        .containsOnly(HttpTarget.post("https://v2.example"));
    assertThat(scheduler.state("job").definition().version()).isEqualTo(2);
  }

  @Test
  void occurrencesLessLateThanTheMisfireThresholdButWithTheNextDueTooAreAMisfire() {
    start(T0);
    scheduler.define(aJob("busy").every(Duration.ofSeconds(1)).createdAt(T0).build());

    scheduler.advance(Duration.ofMillis(3_500), Duration.ofMillis(3_500));

    // T0 fires when defined; 1 s, 2 s and 3 s are found at 3.5 s, each with its next one due
    assertThat(scheduler.fires())
        .extracting(JobFired::scheduledAt, JobFired::missed)
        .containsExactly(tuple(T0, 0), tuple(at(3_000), 3));
  }

  @Test
  void jobsFireInTheOrderOfTheirDueTimes() {
    start(T0);
    scheduler.define(aJob("b").at(at(2_000)).build());
    scheduler.define(aJob("a").at(at(3_000)).build());
    scheduler.define(aJob("c").at(at(1_000)).build());

    scheduler.advance(Duration.ofSeconds(4), Duration.ofSeconds(4));

    assertThat(scheduler.fires()).extracting(JobFired::jobId).isEqualTo(List.of("c", "b", "a"));
  }

  private static Instant at(long millisAfterT0) {
    return T0.plusMillis(millisAfterT0);
  }
}
