package dev.punctual.scheduler.topology;

import static dev.punctual.scheduler.topology.Jobs.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.event.JobFired;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cron jobs on the days their time zone changes its clocks, through the whole topology. The rule
 * (docs/architecture.md): a wall time in a spring-forward gap fires once, at the first valid
 * instant after the gap; a wall time that occurs twice in a fall-back overlap fires once, at its
 * first occurrence. Each test runs the wall clock across the transition and lists every fire.
 *
 * <p>2027 transitions: New York 14 March 02:00 EST → 03:00 EDT and 7 November 02:00 EDT → 01:00
 * EST; Berlin 28 March 02:00 CET → 03:00 CEST and 31 October 03:00 CEST → 02:00 CET; Lord Howe 4
 * April 02:00 (+11) → 01:30 (+10:30) and 3 October 02:00 (+10:30) → 02:30 (+11), a half-hour shift.
 */
class DaylightSavingTest extends SchedulerDriverTest {

  private static final Duration STEP = Duration.ofSeconds(20);

  // New York

  @Test
  void newYorkSpringForwardFiveFieldsFiresAWallTimeInTheGapAtTheTransition() {
    var fires = run("30 2 * * *", "America/New_York", "2027-03-14T06:00:00Z", Duration.ofHours(2));

    assertThat(fires).containsExactly(Instant.parse("2027-03-14T07:00:00Z")); // 03:00 EDT
    assertNext("2027-03-15T06:30:00Z"); // 02:30 EDT the day after
  }

  @Test
  void newYorkSpringForwardSixFieldsCollapsesEveryWallTimeInTheGapIntoOneFire() {
    // 02:00, 02:15, 02:30 and 02:45 do not exist that night
    var fires =
        run("0 */15 2 * * *", "America/New_York", "2027-03-14T06:00:00Z", Duration.ofHours(2));

    assertThat(fires).containsExactly(Instant.parse("2027-03-14T07:00:00Z"));
    assertNext("2027-03-15T06:00:00Z");
  }

  @Test
  void newYorkFallBackFiveFieldsFiresARepeatedWallTimeOnceAtItsFirstOccurrence() {
    var fires = run("30 1 * * *", "America/New_York", "2027-11-07T04:00:00Z", Duration.ofHours(4));

    assertThat(fires).containsExactly(Instant.parse("2027-11-07T05:30:00Z")); // 01:30 EDT
    assertNext("2027-11-08T06:30:00Z"); // 01:30 EST the day after
  }

  @Test
  void newYorkFallBackSixFieldsFiresEachRepeatedWallTimeOnce() {
    var fires =
        run("0 0,30 1 * * *", "America/New_York", "2027-11-07T04:00:00Z", Duration.ofHours(4));

    // 01:00 and 01:30 EDT; not again at 01:00 and 01:30 EST (06:00Z, 06:30Z)
    assertThat(fires)
        .containsExactly(
            Instant.parse("2027-11-07T05:00:00Z"), Instant.parse("2027-11-07T05:30:00Z"));
  }

  // Berlin

  @Test
  void berlinSpringForwardFiveFieldsFiresAWallTimeInTheGapAtTheTransition() {
    var fires = run("30 2 * * *", "Europe/Berlin", "2027-03-28T00:00:00Z", Duration.ofHours(2));

    assertThat(fires).containsExactly(Instant.parse("2027-03-28T01:00:00Z")); // 03:00 CEST
    assertNext("2027-03-29T00:30:00Z");
  }

  @Test
  void berlinSpringForwardSixFieldsFiresEveryValidSecondAndTheGapOnce() {
    // every 20 minutes from 01:00 to 03:59 wall time
    var fires =
        run("0 */20 1-3 * * *", "Europe/Berlin", "2027-03-27T23:50:00Z", Duration.ofHours(3));

    assertThat(fires)
        .containsExactly(
            Instant.parse("2027-03-28T00:00:00Z"), // 01:00 CET
            Instant.parse("2027-03-28T00:20:00Z"),
            Instant.parse("2027-03-28T00:40:00Z"),
            Instant.parse("2027-03-28T01:00:00Z"), // 02:00, 02:20, 02:40 and 03:00 CEST: one fire
            Instant.parse("2027-03-28T01:20:00Z"), // 03:20 CEST
            Instant.parse("2027-03-28T01:40:00Z"));
  }

  @Test
  void berlinFallBackFiveFieldsFiresARepeatedWallTimeOnce() {
    var fires = run("30 2 * * *", "Europe/Berlin", "2027-10-30T23:00:00Z", Duration.ofHours(3));

    assertThat(fires).containsExactly(Instant.parse("2027-10-31T00:30:00Z")); // 02:30 CEST
    assertNext("2027-11-01T01:30:00Z"); // 02:30 CET
  }

  @Test
  void berlinFallBackSixFieldsFiresARepeatedWallTimeOnce() {
    var fires = run("15 30 2 * * *", "Europe/Berlin", "2027-10-30T23:00:00Z", Duration.ofHours(3));

    assertThat(fires).containsExactly(Instant.parse("2027-10-31T00:30:15Z"));
  }

  // Lord Howe: half-hour transitions

  @Test
  void lordHoweSpringForwardFiveFieldsFiresAWallTimeInTheHalfHourGapAtTheTransition() {
    var fires =
        run("15 2 * * *", "Australia/Lord_Howe", "2027-10-02T14:00:00Z", Duration.ofHours(3));

    assertThat(fires).containsExactly(Instant.parse("2027-10-02T15:30:00Z")); // 02:30 +11
    assertNext("2027-10-03T15:15:00Z"); // 02:15 +11 the day after
  }

  @Test
  void lordHoweSpringForwardSixFieldsMergesTheGapWithTheFirstValidWallTime() {
    // 02:00, 02:10 and 02:20 do not exist; they and 02:30 itself are the transition instant
    var fires =
        run("0 0/10 2 * * *", "Australia/Lord_Howe", "2027-10-02T14:00:00Z", Duration.ofHours(3));

    assertThat(fires)
        .containsExactly(
            Instant.parse("2027-10-02T15:30:00Z"),
            Instant.parse("2027-10-02T15:40:00Z"),
            Instant.parse("2027-10-02T15:50:00Z"));
  }

  @Test
  void lordHoweFallBackFiveFieldsFiresARepeatedWallTimeOnce() {
    var fires =
        run("45 1 * * *", "Australia/Lord_Howe", "2027-04-03T13:00:00Z", Duration.ofHours(4));

    assertThat(fires).containsExactly(Instant.parse("2027-04-03T14:45:00Z")); // 01:45 +11
    assertNext("2027-04-04T15:15:00Z"); // 01:45 +10:30 the day after
  }

  @Test
  void lordHoweFallBackSixFieldsFiresEachRepeatedWallTimeOnce() {
    var fires =
        run("0 */15 1 * * *", "Australia/Lord_Howe", "2027-04-03T13:00:00Z", Duration.ofHours(4));

    // 01:00, 01:15, 01:30 and 01:45 at +11; not again at 01:30 and 01:45 +10:30 (15:00Z, 15:15Z)
    assertThat(fires)
        .containsExactly(
            Instant.parse("2027-04-03T14:00:00Z"),
            Instant.parse("2027-04-03T14:15:00Z"),
            Instant.parse("2027-04-03T14:30:00Z"),
            Instant.parse("2027-04-03T14:45:00Z"));
  }

  /** Defines the job at {@code start} and runs the wall clock for {@code duration}. */
  private List<Instant> run(String cron, String zone, String start, Duration duration) {
    scheduler = new SchedulerDriver(Instant.parse(start), stateDir);
    scheduler.define(aJob("dst").cron(cron, zone).build());
    scheduler.advance(duration, STEP);
    var fires = scheduler.fires();
    assertThat(fires)
        .allSatisfy(
            fire -> {
              assertThat(fire.missed()).isZero();
              assertThat(fire.firedAt())
                  .isBetween(fire.scheduledAt(), fire.scheduledAt().plus(STEP));
            });
    return fires.stream().map(JobFired::scheduledAt).toList();
  }

  private void assertNext(String instant) {
    assertThat(scheduler.state("dst").nextFireAt()).isEqualTo(Instant.parse(instant));
  }
}
