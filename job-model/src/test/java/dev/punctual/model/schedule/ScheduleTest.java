package dev.punctual.model.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.punctual.model.validation.InvalidJobDefinitionException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ScheduleTest {

  private static final Instant CREATED = Instant.parse("2027-01-01T10:00:00.250Z");

  @Test
  void intervalOccurrencesAreAnchoredAtCreation() {
    var every10s = Schedule.Interval.of(Duration.ofSeconds(10));

    assertThat(every10s.nextAfter(Instant.parse("2027-01-01T10:00:31Z"), CREATED))
        .isEqualTo(Instant.parse("2027-01-01T10:00:40.250Z"));
    assertThat(every10s.firstAtOrAfter(CREATED, CREATED)).isEqualTo(CREATED);
    assertThat(every10s.nextAfter(CREATED, CREATED)).isEqualTo(CREATED.plusSeconds(10));
  }

  @Test
  void intervalStartAtSetsThePhase() {
    var options = options(Instant.parse("2027-01-01T00:00:03Z"), null, null);
    var every10s = new Schedule.Interval(Duration.ofSeconds(10), options);

    assertThat(every10s.nextAfter(Instant.parse("2027-01-01T10:00:31Z"), CREATED))
        .isEqualTo(Instant.parse("2027-01-01T10:00:33Z"));
    assertThat(every10s.firstAtOrAfter(Instant.parse("2026-12-31T00:00:00Z"), CREATED))
        .isEqualTo(Instant.parse("2027-01-01T00:00:03Z"));
  }

  @Test
  void intervalShorterThanOneSecondIsRefused() {
    assertThatThrownBy(() -> Schedule.Interval.of(Duration.ofMillis(999)))
        .isInstanceOf(InvalidJobDefinitionException.class)
        .hasMessageContaining("every")
        .hasMessageContaining("minimum of PT1S");
  }

  @Test
  void cronHonoursStartAtAndEndAt() {
    var options =
        options(Instant.parse("2027-01-01T10:30:00Z"), Instant.parse("2027-01-01T12:00:00Z"), null);
    var hourly = new Schedule.Cron(CronExpression.parse("0 * * * *"), options);

    assertThat(hourly.upcoming(Instant.parse("2027-01-01T00:00:00Z"), CREATED, 0, 10))
        .containsExactly(
            Instant.parse("2027-01-01T11:00:00Z"), Instant.parse("2027-01-01T12:00:00Z"));
  }

  @Test
  void upcomingStopsAfterMaxRunsCountingEarlierRuns() {
    var options = options(null, null, 5);
    var minutely = new Schedule.Cron(CronExpression.parse("* * * * *"), options);

    assertThat(minutely.upcoming(CREATED, CREATED, 3, 10))
        .containsExactly(
            Instant.parse("2027-01-01T10:01:00Z"), Instant.parse("2027-01-01T10:02:00Z"));
    assertThat(minutely.upcoming(CREATED, CREATED, 5, 10)).isEmpty();
  }

  @Test
  void onceFiresOnlyAtItsInstant() {
    var once = Schedule.Once.at(Instant.parse("2027-05-01T08:00:00.123456Z"));

    assertThat(once.firstAtOrAfter(CREATED, CREATED)).isEqualTo("2027-05-01T08:00:00.123Z");
    assertThat(once.nextAfter(Instant.parse("2027-05-01T08:00:00.123Z"), CREATED)).isNull();
  }

  @Test
  void cronInAZoneWithDaylightSavingThroughUpcoming() {
    // The next-runs of a `30 2 * * *` job in New York across the spring-forward day.
    var options =
        ScheduleOptions.builder()
            .timeZone(ZoneId.of("America/New_York"))
            .startAt(Instant.parse("2027-03-12T00:00:00Z"))
            .build();
    var nightly = new Schedule.Cron(CronExpression.parse("30 2 * * *"), options);

    assertThat(nightly.upcoming(Instant.parse("2027-03-01T00:00:00Z"), CREATED, 0, 4))
        .containsExactly(
            Instant.parse("2027-03-12T07:30:00Z"),
            Instant.parse("2027-03-13T07:30:00Z"),
            Instant.parse("2027-03-14T07:00:00Z"),
            Instant.parse("2027-03-15T06:30:00Z"));
  }

  @Test
  void endAtBeforeStartAtIsRefused() {
    assertThatThrownBy(
            () ->
                options(
                    Instant.parse("2027-01-02T00:00:00Z"),
                    Instant.parse("2027-01-01T00:00:00Z"),
                    null))
        .isInstanceOf(InvalidJobDefinitionException.class)
        .hasMessage("endAt: must not be before startAt");
  }

  private static ScheduleOptions options(Instant startAt, Instant endAt, Integer maxRuns) {
    return ScheduleOptions.builder().startAt(startAt).endAt(endAt).maxRuns(maxRuns).build();
  }
}
