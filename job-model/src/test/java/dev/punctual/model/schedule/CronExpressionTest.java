package dev.punctual.model.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CronExpressionTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");

  @Test
  void fiveFieldExpressionFiresEveryMatchingMinute() {
    var cron = CronExpression.parse("*/15 * * * *");

    assertThat(occurrences(cron, "2027-01-01T10:07:31Z", ZoneOffset.UTC, 3))
        .containsExactly(
            Instant.parse("2027-01-01T10:15:00Z"),
            Instant.parse("2027-01-01T10:30:00Z"),
            Instant.parse("2027-01-01T10:45:00Z"));
  }

  @Test
  void sixFieldExpressionHasALeadingSecondsField() {
    var cron = CronExpression.parse("*/20 * * * * *");

    assertThat(cron.hasSeconds()).isTrue();
    assertThat(occurrences(cron, "2027-01-01T10:00:00.500Z", ZoneOffset.UTC, 3))
        .containsExactly(
            Instant.parse("2027-01-01T10:00:20Z"),
            Instant.parse("2027-01-01T10:00:40Z"),
            Instant.parse("2027-01-01T10:01:00Z"));
  }

  @Test
  void nextIsStrictlyAfterTheGivenInstant() {
    var cron = CronExpression.parse("0 * * * * *");

    assertThat(cron.nextAfter(Instant.parse("2027-01-01T10:00:00Z"), ZoneOffset.UTC))
        .isEqualTo(Instant.parse("2027-01-01T10:01:00Z"));
    assertThat(cron.nextAfter(Instant.parse("2027-01-01T09:59:59.999Z"), ZoneOffset.UTC))
        .isEqualTo(Instant.parse("2027-01-01T10:00:00Z"));
  }

  @Test
  void wallTimeIsReadInTheScheduleTimeZone() {
    var cron = CronExpression.parse("0 2 * * *");

    // 02:00 in Berlin in winter is 01:00 UTC, in summer 00:00 UTC.
    assertThat(cron.nextAfter(Instant.parse("2027-01-15T00:00:00Z"), BERLIN))
        .isEqualTo(Instant.parse("2027-01-15T01:00:00Z"));
    assertThat(cron.nextAfter(Instant.parse("2027-07-14T23:00:00Z"), BERLIN))
        .isEqualTo(Instant.parse("2027-07-15T00:00:00Z"));
  }

  @Test
  void dayOfMonthAndDayOfWeekBothRestrictedMatchEitherAsInUnixCron() {
    // The 1st of the month OR a Monday; 2027-02-01 is a Monday, 2027-02-08 the next Monday.
    var cron = CronExpression.parse("0 0 1 * 1");

    assertThat(occurrences(cron, "2027-01-30T00:00:00Z", ZoneOffset.UTC, 3))
        .containsExactly(
            Instant.parse("2027-02-01T00:00:00Z"),
            Instant.parse("2027-02-08T00:00:00Z"),
            Instant.parse("2027-02-15T00:00:00Z"));
  }

  @Test
  void sundayIsZeroOrSeven() {
    var zero = CronExpression.parse("0 12 * * 0");
    var seven = CronExpression.parse("0 12 * * 7");
    var from = Instant.parse("2027-01-01T00:00:00Z"); // a Friday

    assertThat(zero.nextAfter(from, ZoneOffset.UTC))
        .isEqualTo(seven.nextAfter(from, ZoneOffset.UTC))
        .isEqualTo(Instant.parse("2027-01-03T12:00:00Z"));
  }

  @Test
  void nicknamesAreAccepted() {
    assertThat(
            CronExpression.parse("@daily")
                .nextAfter(Instant.parse("2027-01-01T10:00:00Z"), ZoneOffset.UTC))
        .isEqualTo(Instant.parse("2027-01-02T00:00:00Z"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "* * * *", "* * * * * * *", "61 * * * *", "* 25 * * *", "x * * * *"})
  void invalidExpressionsAreRefusedWithAReason(String text) {
    assertThatThrownBy(() -> CronExpression.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text.trim() + "'");
  }

  @Nested
  class SpringForwardGap {

    @Test
    void newYorkFiveFieldWallTimeInTheGapFiresOnceAtTheTransition() {
      // 2027-03-14: clocks jump from 02:00 EST to 03:00 EDT; 02:30 does not exist.
      var cron = CronExpression.parse("30 2 * * *");

      assertThat(occurrences(cron, "2027-03-13T12:00:00Z", NEW_YORK, 3))
          .containsExactly(
              Instant.parse("2027-03-14T07:00:00Z"), // 03:00 EDT, the first instant after the gap
              Instant.parse("2027-03-15T06:30:00Z"), // 02:30 EDT
              Instant.parse("2027-03-16T06:30:00Z"));
    }

    @Test
    void newYorkSixFieldEveryTwentyMinutesCollapsesTheGapIntoOneFire() {
      var cron = CronExpression.parse("0 */20 * * * *");

      assertThat(occurrences(cron, "2027-03-14T06:30:00Z", NEW_YORK, 4))
          .containsExactly(
              Instant.parse("2027-03-14T06:40:00Z"), // 01:40 EST
              Instant.parse("2027-03-14T07:00:00Z"), // 02:00, 02:20, 02:40 -> 03:00 EDT, once
              Instant.parse("2027-03-14T07:20:00Z"), // 03:20 EDT
              Instant.parse("2027-03-14T07:40:00Z"));
    }

    @Test
    void berlinSixFieldWallTimeInTheGapFiresAtTheTransition() {
      // 2027-03-28: 02:00 CET becomes 03:00 CEST.
      var cron = CronExpression.parse("15 30 2 * * *");

      assertThat(cron.nextAfter(Instant.parse("2027-03-27T12:00:00Z"), BERLIN))
          .isEqualTo(Instant.parse("2027-03-28T01:00:00Z"));
    }

    @Test
    void lordHoweHalfHourGapFiresAtTheTransition() {
      // 2027-10-03: Lord Howe moves from +10:30 to +11:00 at 02:00; 02:00-02:29 do not exist.
      var cron = CronExpression.parse("15 2 * * *");

      assertThat(occurrences(cron, "2027-10-02T00:00:00Z", LORD_HOWE, 2))
          .containsExactly(
              Instant.parse("2027-10-02T15:30:00Z"), // 02:30 +11:00, the transition
              Instant.parse("2027-10-03T15:15:00Z")); // 02:15 +11:00 the next day
    }

    @Test
    void lordHoweSixFieldGap() {
      var cron = CronExpression.parse("0 10 2 * * *");

      assertThat(cron.nextAfter(Instant.parse("2027-10-02T00:00:00Z"), LORD_HOWE))
          .isEqualTo(Instant.parse("2027-10-02T15:30:00Z"));
    }
  }

  @Nested
  class FallBackOverlap {

    @Test
    void newYorkFiveFieldRepeatedWallTimeFiresOnceAtItsFirstOccurrence() {
      // 2027-11-07: 02:00 EDT becomes 01:00 EST; 01:30 happens twice.
      var cron = CronExpression.parse("30 1 * * *");

      assertThat(occurrences(cron, "2027-11-06T12:00:00Z", NEW_YORK, 2))
          .containsExactly(
              Instant.parse("2027-11-07T05:30:00Z"), // 01:30 EDT; not again at 01:30 EST
              Instant.parse("2027-11-08T06:30:00Z")); // 01:30 EST the next day
    }

    @Test
    void newYorkSixFieldHourlyDoesNotRepeatTheOverlap() {
      var cron = CronExpression.parse("0 0 * * * *");

      assertThat(occurrences(cron, "2027-11-07T03:30:00Z", NEW_YORK, 4))
          .containsExactly(
              Instant.parse("2027-11-07T04:00:00Z"), // 00:00 EDT
              Instant.parse("2027-11-07T05:00:00Z"), // 01:00 EDT; 01:00 EST is skipped
              Instant.parse("2027-11-07T07:00:00Z"), // 02:00 EST
              Instant.parse("2027-11-07T08:00:00Z"));
    }

    @Test
    void askingFromInsideTheSecondPassMovesOnPastTheOverlap() {
      var cron = CronExpression.parse("*/30 * * * *");

      // 06:10Z is 01:10 EST, in the second pass through 01:xx.
      assertThat(cron.nextAfter(Instant.parse("2027-11-07T06:10:00Z"), NEW_YORK))
          .isEqualTo(Instant.parse("2027-11-07T07:00:00Z"));
    }

    @Test
    void berlinFiveFieldOverlap() {
      // 2027-10-31: 03:00 CEST becomes 02:00 CET; 02:30 happens twice.
      var cron = CronExpression.parse("30 2 * * *");

      assertThat(occurrences(cron, "2027-10-30T12:00:00Z", BERLIN, 2))
          .containsExactly(
              Instant.parse("2027-10-31T00:30:00Z"), Instant.parse("2027-11-01T01:30:00Z"));
    }

    @Test
    void berlinSixFieldOverlap() {
      var cron = CronExpression.parse("0 45 2 * * *");

      assertThat(occurrences(cron, "2027-10-30T12:00:00Z", BERLIN, 2))
          .containsExactly(
              Instant.parse("2027-10-31T00:45:00Z"), Instant.parse("2027-11-01T01:45:00Z"));
    }

    @Test
    void lordHoweHalfHourOverlap() {
      // 2027-04-04: Lord Howe moves from +11:00 back to +10:30 at 02:00; 01:30-01:59 repeat.
      var cron = CronExpression.parse("45 1 * * *");

      assertThat(occurrences(cron, "2027-04-03T00:00:00Z", LORD_HOWE, 2))
          .containsExactly(
              Instant.parse("2027-04-03T14:45:00Z"), // 01:45 +11:00
              Instant.parse("2027-04-04T15:15:00Z")); // 01:45 +10:30 the next day
    }

    @Test
    void lordHoweSixFieldOverlap() {
      var cron = CronExpression.parse("30 40 1 * * *");

      assertThat(cron.nextAfter(Instant.parse("2027-04-03T00:00:00Z"), LORD_HOWE))
          .isEqualTo(Instant.parse("2027-04-03T14:40:30Z"));
    }
  }

  static List<Instant> occurrences(CronExpression cron, String from, ZoneId zone, int count) {
    var result = new ArrayList<Instant>();
    var next = Instant.parse(from);
    for (int i = 0; i < count; i++) {
      next = cron.nextAfter(next, zone);
      result.add(next);
    }
    return result;
  }
}
