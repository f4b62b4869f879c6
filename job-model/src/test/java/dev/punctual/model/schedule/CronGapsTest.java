package dev.punctual.model.schedule;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.punctual.model.json.JobDefinitionCodec;
import dev.punctual.model.validation.InvalidJobDefinitionException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shortest gap of a cron expression, and the jitter rule for cron schedules built on it. */
class CronGapsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "* * * * * *          | PT1S",
        "*/20 * * * * *       | PT20S",
        "0,50 * * * * *       | PT10S", // 50 -> 0 of the next minute
        "*/15 * * * *         | PT15M",
        "0 9-17 * * *         | PT1H",
        "0 9,17 * * *         | PT8H",
        "30 1 * * *           | PT24H",
        "0 0 * * 1            | PT168H",
        "0 0 * * 1,3          | PT48H",
        "0 0 1,15 * *         | PT336H", // 1 -> 15: 14 days; 15 -> 1: 14 days in a common February
        "0 0 31 * *           | PT744H", // 31 July -> 31 August
        "0 0 29 2 *           | PT35064H", // four years, 1,461 days
      })
  void shortestGapOfAnExpression(String cron, String expected) {
    assertThat(CronExpression.parse(cron).shortestGap()).isEqualTo(Duration.parse(expected));
  }

  @Test
  void theShortestGapCrossesMidnightAndMonthEnds() {
    // 23:30 and 00:15: the shortest gap is from 23:30 to 00:15 the next day.
    assertThat(CronExpression.parse("15,30 0,23 * * *").shortestGap())
        .isEqualTo(Duration.ofMinutes(15));
    // The last days of a month and the first: 31 -> 1 is one day.
    assertThat(CronExpression.parse("0 12 1,31 * *").shortestGap()).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void theShortestGapIsNeverLongerThanAnyGapWalkedOnTheWallClock() {
    // Generated expressions: the gap computed from the fields against a plain walk of a year.
    long seed = new Random().nextLong();
    var random = new Random(seed);
    for (int i = 0; i < 40; i++) {
      var cron = randomCron(random);
      var expression = CronExpression.parse(cron);
      var walked = walkedShortestGap(expression);
      assertThat(expression.shortestGap())
          .as("seed %d, expression '%s'", seed, cron)
          .isEqualTo(walked);
    }
  }

  @Test
  void aCronJitterMustBeShorterThanTheShortestGap() {
    var options = ScheduleOptions.builder().jitter(Duration.ofMinutes(15)).build();

    assertThatThrownBy(() -> new Schedule.Cron(CronExpression.parse("*/15 * * * *"), options))
        .isInstanceOfSatisfying(
            InvalidJobDefinitionException.class,
            e ->
                assertThat(e.errors())
                    .singleElement()
                    .satisfies(
                        error -> {
                          assertThat(error.field()).isEqualTo("jitter");
                          assertThat(error.message())
                              .contains("shorter than the shortest gap")
                              .contains("PT15M");
                        }));
    assertThat(new Schedule.Cron(CronExpression.parse("*/20 * * * *"), options).options().jitter())
        .isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void aTooLongCronJitterIsReportedAtScheduleJitter() {
    var json =
        """
        {"id":"j","schedule":{"cron":"0 * * * *","jitter":"PT1H"},
         "target":{"type":"http","url":"https://example.com/"}}""";

    assertThatThrownBy(() -> JobDefinitionCodec.parse(json.getBytes(UTF_8), null))
        .isInstanceOfSatisfying(
            InvalidJobDefinitionException.class,
            e ->
                assertThat(e.errors())
                    .singleElement()
                    .satisfies(error -> assertThat(error.field()).isEqualTo("schedule.jitter")));
  }

  @Test
  void aOneTimeJobAcceptsAnyJitter() {
    var options = ScheduleOptions.builder().jitter(Duration.ofDays(365)).build();

    assertThat(new Schedule.Once(Instant.parse("2027-01-01T00:00:00Z"), options).at()).isNotNull();
  }

  private static String randomCron(Random random) {
    String[] seconds = {"0", "*/10", "5,40", "0-30/15", "17"};
    String[] minutes = {"*/7", "0", "15,45", "10-20/5", "59"};
    String[] hours = {"*", "0", "23", "9-17", "*/6", "1,13"};
    String[] days = {"*", "1", "31", "15,28", "*/10", "29"};
    String[] months = {"*", "2", "1-6", "*/3", "12"};
    String[] weekdays = {"*", "*", "1", "0,6", "1-5"};
    var fields =
        pick(random, minutes)
            + " "
            + pick(random, hours)
            + " "
            + pick(random, days)
            + " "
            + pick(random, months)
            + " "
            + pick(random, weekdays);
    return random.nextBoolean() ? pick(random, seconds) + " " + fields : fields;
  }

  private static String pick(Random random, String[] choices) {
    return choices[random.nextInt(choices.length)];
  }

  /**
   * The shortest gap over the occurrences of 2001-2012 (three leap days), walked; at most 10,000 of
   * them, which covers several days of even the most frequent generated expression.
   */
  private static Duration walkedShortestGap(CronExpression cron) {
    var end = LocalDateTime.of(2013, 1, 1, 0, 0);
    var previous = cron.nextLocal(LocalDateTime.of(2000, 12, 31, 23, 59, 59));
    var shortest = CronGaps.NO_GAP;
    for (int steps = 0; previous != null && previous.isBefore(end) && steps < 10_000; steps++) {
      var next = cron.nextLocal(previous);
      if (next == null || !next.isBefore(end)) {
        break;
      }
      var gap = Duration.between(previous, next);
      shortest = gap.compareTo(shortest) < 0 ? gap : shortest;
      previous = next;
    }
    return shortest;
  }
}
