package dev.punctual.scheduler.topology;

import static dev.punctual.scheduler.topology.Jobs.aJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.punctual.model.event.JobFired;
import dev.punctual.model.event.MissedOccurrences;
import dev.punctual.model.schedule.MisfirePolicy;
import dev.punctual.scheduler.timer.TimerKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * An occurrence is missed when it is processed more than the job's misfire threshold late, or when
 * the job's next occurrence is due as well. So a job every 2 s whose scheduler was down for 30 s,
 * far less than the 60 s default threshold, misfires: its misfire policy decides, and one record on
 * the missed topic tells of the episode.
 */
class ShortIntervalMisfireTest extends SchedulerDriverTest {

  private static final Instant T0 = Instant.parse("2027-03-13T07:30:00Z");
  private static final Duration PUNCTUATION = TopologySettings.DEFAULTS.punctuationInterval();
  private static final Duration EVERY = Duration.ofSeconds(2);
  private static final Duration DOWNTIME = Duration.ofSeconds(30);
  private static final Duration WINDOW = Duration.ofSeconds(10);

  /**
   * Defines the job at T0, lets T0 fire, stops the scheduler for 30 s and lets the restarted one
   * punctuate once: occurrences 2 s … 30 s (15) are missed.
   */
  private Instant afterDowntime(Jobs job) {
    scheduler = new SchedulerDriver(T0, stateDir);
    scheduler.define(job.every(EVERY).createdAt(T0).build());
    scheduler.advance(PUNCTUATION);
    assertThat(scheduler.newFires()).extracting(JobFired::scheduledAt).containsExactly(T0);
    scheduler.restart(DOWNTIME);
    scheduler.advance(PUNCTUATION);
    return scheduler.now();
  }

  @Test
  void fireOnceFiresTheLatestMissedOccurrenceOnceAndRecordsTheEpisode() {
    var now = afterDowntime(aJob("short"));

    assertThat(scheduler.newFires())
        .singleElement()
        .satisfies(
            fire -> {
              assertThat(fire.scheduledAt()).isEqualTo(at(30));
              assertThat(fire.missed()).isEqualTo(15);
              assertThat(fire.firedAt()).isEqualTo(now);
            });
    assertEpisode(MisfirePolicy.FIRE_ONCE, at(30), now);
    assertNextAt(at(32));
  }

  @Test
  void fireOnceWithACatchUpWindowCountsOnlyTheOccurrencesInside() {
    var now = afterDowntime(aJob("short").catchUpWindow(WINDOW));

    assertThat(scheduler.newFires())
        .singleElement()
        .satisfies(
            fire -> {
              assertThat(fire.scheduledAt()).isEqualTo(at(30));
              assertThat(fire.missed()).isEqualTo(5); // 22 … 30 s
            });
    assertEpisode(MisfirePolicy.FIRE_ONCE, at(30), now);
  }

  @Test
  void skipFiresNothingAndRecordsTheEpisode() {
    var now = afterDowntime(aJob("short").misfirePolicy(MisfirePolicy.SKIP));

    assertThat(scheduler.newFires()).isEmpty();
    assertEpisode(MisfirePolicy.SKIP, null, now);
    assertNextAt(at(32));
    scheduler.advance(Duration.ofSeconds(2));
    assertThat(scheduler.newFires()).extracting(JobFired::scheduledAt).containsExactly(at(32));
  }

  @Test
  void skipWithACatchUpWindowFiresNothingEither() {
    var now = afterDowntime(aJob("short").misfirePolicy(MisfirePolicy.SKIP).catchUpWindow(WINDOW));

    assertThat(scheduler.newFires()).isEmpty();
    assertEpisode(MisfirePolicy.SKIP, null, now);
  }

  @Test
  void fireAllFiresEveryMissedOccurrenceOldestFirst() {
    var now = afterDowntime(aJob("short").misfirePolicy(MisfirePolicy.FIRE_ALL));

    var fires = scheduler.newFires();
    assertThat(fires).extracting(JobFired::scheduledAt).containsExactlyElementsOf(seconds(2, 30));
    assertThat(fires).extracting(JobFired::missed).containsOnly(1);
    assertEpisode(MisfirePolicy.FIRE_ALL, null, now);
    assertNextAt(at(32));
  }

  @Test
  void fireAllWithACatchUpWindowFiresOnlyTheOccurrencesInside() {
    var now =
        afterDowntime(aJob("short").misfirePolicy(MisfirePolicy.FIRE_ALL).catchUpWindow(WINDOW));

    // the window reaches back to 20.04 s
    assertThat(scheduler.newFires())
        .extracting(JobFired::scheduledAt)
        .containsExactlyElementsOf(seconds(22, 30));
    assertEpisode(MisfirePolicy.FIRE_ALL, null, now);
  }

  @Test
  void aJobsOwnMisfireThresholdReplacesTheSchedulersDefault() {
    scheduler = new SchedulerDriver(T0, stateDir);
    var strict =
        aJob("strict").every(Duration.ofMinutes(10)).misfireThreshold(Duration.ofSeconds(5));
    var lenient =
        aJob("lenient").every(Duration.ofMinutes(10)).misfireThreshold(Duration.ofMinutes(5));
    var byDefault = aJob("default").every(Duration.ofMinutes(10));
    for (var job : new Jobs[] {strict, lenient, byDefault}) {
      scheduler.define(job.createdAt(T0.plusSeconds(1)).build());
    }

    // every job's first occurrence (T0 + 1 s) is processed 2 min late, its next one far ahead
    scheduler.advance(Duration.ofMinutes(2).plusSeconds(1), Duration.ofMinutes(2).plusSeconds(1));

    assertThat(scheduler.fires())
        .extracting(JobFired::jobId, JobFired::missed)
        .containsExactlyInAnyOrder(tuple("strict", 1), tuple("lenient", 0), tuple("default", 1));
    assertThat(scheduler.missed())
        .extracting(MissedOccurrences::jobId)
        .containsExactlyInAnyOrder("strict", "default");
  }

  @Test
  void aJobsOwnMisfireThresholdBelowTheProcessingDelayMakesOneLateOccurrenceAMisfire() {
    scheduler = new SchedulerDriver(T0, stateDir);
    scheduler.define(
        aJob("strict")
            .every(Duration.ofMinutes(10))
            .misfireThreshold(Duration.ofSeconds(5))
            .misfirePolicy(MisfirePolicy.SKIP)
            .createdAt(T0.plusSeconds(1))
            .build());

    scheduler.advance(Duration.ofSeconds(7), Duration.ofSeconds(7));

    assertThat(scheduler.fires()).isEmpty();
    assertThat(scheduler.missed())
        .singleElement()
        .satisfies(
            missed -> {
              assertThat(missed.from()).isEqualTo(T0.plusSeconds(1));
              assertThat(missed.count()).isEqualTo(1);
              assertThat(missed.policy()).isEqualTo("SKIP");
            });
  }

  /** One MISFIRE record for the 15 occurrences 2 s … 30 s, counted in the metric. */
  private void assertEpisode(
      MisfirePolicy policy, @Nullable Instant firedScheduledAt, Instant now) {
    assertThat(scheduler.missedRecords())
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.key()).isEqualTo("short");
              assertThat(record.value())
                  .isEqualTo(
                      new MissedOccurrences(
                          "short",
                          MissedOccurrences.Reason.MISFIRE,
                          policy.name(),
                          at(2),
                          at(30),
                          15,
                          firedScheduledAt,
                          now));
            });
    assertThat(
            scheduler
                .registry()
                .get(SchedulerMetrics.MISSED_RECORDS)
                .tag("reason", "MISFIRE")
                .counter()
                .count())
        .isEqualTo(1);
  }

  private void assertNextAt(Instant next) {
    assertThat(scheduler.timers()).containsExactly(TimerKey.scheduled(next, "short"));
  }

  private static List<Instant> seconds(int from, int to) {
    return IntStream.rangeClosed(from / 2, to / 2).mapToObj(k -> at(2 * k)).toList();
  }

  private static Instant at(long secondsAfterT0) {
    return T0.plusSeconds(secondsAfterT0);
  }
}
