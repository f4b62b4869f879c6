package dev.punctual.model.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.schedule.DaylightSaving.Gap;
import dev.punctual.model.schedule.DaylightSaving.Overlap;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@link DaylightSaving} choices of a cron schedule. 2027 changes: New York 14 March 02:00 EST
 * → 03:00 EDT (07:00Z) and 7 November 02:00 EDT → 01:00 EST (06:00Z; 01:xx at 05:xxZ, then again at
 * 06:xxZ); Berlin 31 October 03:00 CEST → 02:00 CET (01:00Z); Lord Howe 3 October 02:00 (+10:30) →
 * 02:30 (+11) (15:30Z) and 4 April 02:00 (+11) → 01:30 (+10:30) (15:00Z).
 */
class CronDaylightSavingTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");

  private static final DaylightSaving SKIP = new DaylightSaving(Gap.SKIP, Overlap.FIRST);
  private static final DaylightSaving LAST =
      new DaylightSaving(Gap.FIRE_AT_TRANSITION, Overlap.LAST);
  private static final DaylightSaving BOTH =
      new DaylightSaving(Gap.FIRE_AT_TRANSITION, Overlap.BOTH);

  @Test
  void skipLeavesOutAWallTimeThatDoesNotExistThatDay() {
    assertThat(occurrences("30 2 * * *", NEW_YORK, SKIP, "2027-03-13T12:00:00Z", 2))
        .isEqualTo(instants("2027-03-15T06:30:00Z", "2027-03-16T06:30:00Z"));
    assertThat(
            occurrences("30 2 * * *", NEW_YORK, DaylightSaving.DEFAULT, "2027-03-13T12:00:00Z", 1))
        .as("the default fires at the transition")
        .isEqualTo(instants("2027-03-14T07:00:00Z"));
  }

  @Test
  void skipLeavesOutEveryWallTimeOfTheGapButNotTheFirstValidOne() {
    assertThat(occurrences("0 */20 2,3 * * *", NEW_YORK, SKIP, "2027-03-14T06:30:00Z", 3))
        .isEqualTo(
            instants("2027-03-14T07:00:00Z", "2027-03-14T07:20:00Z", "2027-03-14T07:40:00Z"));
    assertThat(occurrences("0 */20 2 * * *", NEW_YORK, SKIP, "2027-03-14T06:30:00Z", 1))
        .isEqualTo(instants("2027-03-15T06:00:00Z"));
  }

  @Test
  void skipOnLordHowesHalfHourGap() {
    assertThat(occurrences("15 2 * * *", LORD_HOWE, SKIP, "2027-10-02T00:00:00Z", 1))
        .isEqualTo(instants("2027-10-03T15:15:00Z"));
  }

  @Test
  void lastFiresARepeatedWallTimeAtItsSecondInstantOnly() {
    assertThat(occurrences("30 1 * * *", NEW_YORK, LAST, "2027-11-06T12:00:00Z", 2))
        .isEqualTo(instants("2027-11-07T06:30:00Z", "2027-11-08T06:30:00Z"));
    assertThat(occurrences("30 2 * * *", BERLIN, LAST, "2027-10-30T12:00:00Z", 1))
        .isEqualTo(instants("2027-10-31T01:30:00Z"));
    assertThat(occurrences("45 1 * * *", LORD_HOWE, LAST, "2027-04-03T00:00:00Z", 1))
        .isEqualTo(instants("2027-04-03T15:15:00Z"));
  }

  @Test
  void lastFiresEveryRepeatedWallTimeOfTheHourInTheSecondPass() {
    assertThat(occurrences("*/15 1 * * *", NEW_YORK, LAST, "2027-11-07T04:00:00Z", 5))
        .isEqualTo(
            instants(
                "2027-11-07T06:00:00Z",
                "2027-11-07T06:15:00Z",
                "2027-11-07T06:30:00Z",
                "2027-11-07T06:45:00Z",
                "2027-11-08T06:00:00Z"));
  }

  @Test
  void lastAskedFromTheFirstPassFindsARepeatedWallTimeAlreadyPassedOnce() {
    // 05:50Z is 01:50 EDT; 01:00 comes again at 06:00Z (01:00 EST).
    assertThat(occurrences("0 1 * * *", NEW_YORK, LAST, "2027-11-07T05:50:00Z", 1))
        .isEqualTo(instants("2027-11-07T06:00:00Z"));
  }

  @Test
  void bothFiresARepeatedWallTimeAtEachInstant() {
    assertThat(occurrences("30 1 * * *", NEW_YORK, BOTH, "2027-11-06T12:00:00Z", 3))
        .isEqualTo(
            instants("2027-11-07T05:30:00Z", "2027-11-07T06:30:00Z", "2027-11-08T06:30:00Z"));
    assertThat(occurrences("45 1 * * *", LORD_HOWE, BOTH, "2027-04-03T00:00:00Z", 2))
        .isEqualTo(instants("2027-04-03T14:45:00Z", "2027-04-03T15:15:00Z"));
  }

  @Test
  void bothFiresSeveralRepeatedWallTimesInInstantOrder() {
    assertThat(occurrences("*/15 1 * * *", NEW_YORK, BOTH, "2027-11-07T04:00:00Z", 9))
        .isEqualTo(
            instants(
                "2027-11-07T05:00:00Z",
                "2027-11-07T05:15:00Z",
                "2027-11-07T05:30:00Z",
                "2027-11-07T05:45:00Z",
                "2027-11-07T06:00:00Z",
                "2027-11-07T06:15:00Z",
                "2027-11-07T06:30:00Z",
                "2027-11-07T06:45:00Z",
                "2027-11-08T06:00:00Z"));
  }

  @Test
  void bothAskedFromInsideEitherPassGoesOnInInstantOrder() {
    assertThat(occurrences("*/15 1 * * *", NEW_YORK, BOTH, "2027-11-07T05:15:00Z", 1))
        .isEqualTo(instants("2027-11-07T05:30:00Z"));
    assertThat(occurrences("*/15 1 * * *", NEW_YORK, BOTH, "2027-11-07T06:10:00Z", 1))
        .isEqualTo(instants("2027-11-07T06:15:00Z"));
  }

  @Test
  void bothOnAnEverySecondCronNeverFiresTwiceAtOneInstant() {
    var fires = occurrences("* * 1 * * *", NEW_YORK, BOTH, "2027-11-07T04:59:59Z", 7200);

    assertThat(fires).doesNotHaveDuplicates().isSorted();
    assertThat(fires.getFirst()).isEqualTo(Instant.parse("2027-11-07T05:00:00Z"));
    assertThat(fires.getLast()).isEqualTo(Instant.parse("2027-11-07T06:59:59Z"));
  }

  @Test
  void policiesOtherThanTheDefaultChangeNothingOnOrdinaryDays() {
    for (var policy : List.of(SKIP, LAST, BOTH)) {
      assertThat(occurrences("*/30 1-3 * * *", NEW_YORK, policy, "2027-06-01T00:00:00Z", 6))
          .isEqualTo(
              occurrences(
                  "*/30 1-3 * * *", NEW_YORK, DaylightSaving.DEFAULT, "2027-06-01T00:00:00Z", 6));
    }
  }

  @Test
  void theScheduleAppliesItsOwnPolicy() {
    var options = ScheduleOptions.builder().timeZone(NEW_YORK).daylightSaving(LAST).build();
    var schedule = new Schedule.Cron(CronExpression.parse("30 1 * * *"), options);

    assertThat(schedule.nextAfter(Instant.parse("2027-11-06T12:00:00Z"), Instant.EPOCH))
        .isEqualTo(Instant.parse("2027-11-07T06:30:00Z"));
  }

  static List<Instant> occurrences(
      String cron, ZoneId zone, DaylightSaving policy, String from, int count) {
    var expression = CronExpression.parse(cron);
    var result = new ArrayList<Instant>();
    var next = Instant.parse(from);
    for (int i = 0; i < count; i++) {
      next = expression.nextAfter(next, zone, policy);
      result.add(next);
    }
    return result;
  }

  private static List<Instant> instants(String... texts) {
    return Arrays.stream(texts).map(Instant::parse).toList();
  }
}
