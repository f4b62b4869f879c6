package dev.punctual.scheduler.timer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.job.JobStatus;
import dev.punctual.model.schedule.CronExpression;
import dev.punctual.model.schedule.Schedule;
import dev.punctual.model.schedule.ScheduleOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class OccurrencesTest {

  private static final Instant T0 = Instant.parse("2027-03-13T07:30:00Z");

  @Test
  void resumesAtTheFirstOccurrenceAtOrAfterNow() {
    var state = state(Schedule.Interval.of(Duration.ofSeconds(10)), 0, null);

    assertThat(Occurrences.resumeAt(state, T0)).isEqualTo(T0);
    assertThat(Occurrences.resumeAt(state, T0.plusMillis(1))).isEqualTo(T0.plusSeconds(10));
  }

  @Test
  void resumesStrictlyAfterTheLastFiredOccurrenceEvenWhenTheClockIsBehindIt() {
    // fired at T0+10s by an instance whose clock ran ahead; this one thinks it is T0+9s
    var state = state(Schedule.Interval.of(Duration.ofSeconds(10)), 2, T0.plusSeconds(10));

    assertThat(Occurrences.resumeAt(state, T0.plusSeconds(9))).isEqualTo(T0.plusSeconds(20));
  }

  @Test
  void hasNoNextOccurrenceOnceMaxRunsIsUsedUp() {
    var schedule =
        new Schedule.Interval(Duration.ofSeconds(1), ScheduleOptions.builder().maxRuns(2).build());

    assertThat(Occurrences.nextAfter(schedule, T0, 1, T0)).isEqualTo(T0.plusSeconds(1));
    assertThat(Occurrences.nextAfter(schedule, T0, 2, T0)).isNull();
  }

  @Test
  void aOneTimeJobIsPastOnlyInsideItsWindow() {
    var past = Schedule.Once.at(T0.minusSeconds(1));
    var beforeStart =
        new Schedule.Once(T0.minusSeconds(1), ScheduleOptions.builder().startAt(T0).build());

    assertThat(Occurrences.isPastOneTime(past, T0)).isTrue();
    assertThat(Occurrences.isPastOneTime(past, T0.minusSeconds(1))).isFalse();
    assertThat(Occurrences.isPastOneTime(beforeStart, T0)).isFalse();
    assertThat(Occurrences.isPastOneTime(Schedule.Interval.of(Duration.ofSeconds(1)), T0))
        .isFalse();
  }

  @Test
  void countsIntervalOccurrencesByArithmetic() {
    var every = new Schedule.Interval(Duration.ofSeconds(1), options(T0, T0.plusSeconds(86_400)));

    var day = Occurrences.between(every, T0, T0.minusSeconds(5), T0.plusSeconds(100_000));
    var middle = Occurrences.between(every, T0, T0.plusMillis(1), T0.plusMillis(3_500));

    assertThat(day).isEqualTo(new Occurrences.Span(86_401, T0, T0.plusSeconds(86_400), true));
    assertThat(middle)
        .isEqualTo(new Occurrences.Span(3, T0.plusSeconds(1), T0.plusSeconds(3), true));
    assertThat(Occurrences.between(every, T0, T0.plusMillis(1), T0.plusMillis(999)).count())
        .isZero();
  }

  @Test
  void countsCronOccurrencesExactlyUpToTheWalkLimit() {
    var cron = new Schedule.Cron(CronExpression.parse("*/5 * * * *"), options(null, null));

    var span = Occurrences.between(cron, T0, T0, T0.plus(Duration.ofHours(24)));

    assertThat(span.count()).isEqualTo(289);
    assertThat(span.exact()).isTrue();
    assertThat(span.last()).isEqualTo(T0.plus(Duration.ofHours(24)));
  }

  @Test
  void estimatesCronOccurrencesBeyondTheWalkLimitButFindsTheLatestExactly() {
    var cron =
        new Schedule.Cron(
            CronExpression.parse("*/7 * * * * *"),
            ScheduleOptions.builder().timeZone(ZoneId.of("Europe/Berlin")).build());
    var to = T0.plus(Duration.ofDays(3)).plusMillis(1_234);

    var span = Occurrences.between(cron, T0, T0, to);

    var walked = walk(cron, T0, to);
    assertThat(span.exact()).isFalse();
    assertThat(span.first()).isEqualTo(walked.getFirst());
    assertThat(span.last()).isEqualTo(walked.getLast());
    // each minute has 9 occurrences (0, 7, …, 56), not 60/7: the estimate is close, not exact
    assertThat((double) span.count())
        .isCloseTo(walked.size(), org.assertj.core.data.Percentage.withPercentage(20));
  }

  @Test
  void findsTheLatestOccurrenceByBisectionAcrossDaylightSavingTransitions() {
    var zone = ZoneId.of("America/New_York");
    var cron =
        new Schedule.Cron(
            CronExpression.parse("0 0,30 1,2 * * *"),
            ScheduleOptions.builder().timeZone(zone).build());
    var from = Instant.parse("2027-03-13T00:00:00Z");
    for (var to :
        new Instant[] {
          Instant.parse("2027-03-14T07:00:00Z"),
          Instant.parse("2027-03-14T07:00:01Z"),
          Instant.parse("2027-11-07T05:45:00Z"),
          Instant.parse("2027-11-07T06:31:00Z"),
          Instant.parse("2027-11-08T12:00:00Z")
        }) {
      var walked = walk(cron, from, to);
      assertThat(Occurrences.latestAtOrBefore(cron, from, walked.getFirst(), to))
          .as("latest at or before %s", to)
          .isEqualTo(walked.getLast());
    }
  }

  private static java.util.List<Instant> walk(Schedule schedule, Instant from, Instant to) {
    var all = new java.util.ArrayList<Instant>();
    for (var next = schedule.firstAtOrAfter(from, from);
        next != null && !next.isAfter(to);
        next = schedule.nextAfter(next, from)) {
      all.add(next);
    }
    return all;
  }

  private static ScheduleOptions options(Instant startAt, Instant endAt) {
    return ScheduleOptions.builder().startAt(startAt).endAt(endAt).build();
  }

  private static JobState state(Schedule schedule, long runs, Instant lastScheduledAt) {
    var job =
        new JobDefinition(
            "job",
            null,
            schedule,
            HttpTarget.post("https://example.com"),
            null,
            null,
            false,
            null,
            null,
            null);
    return new JobState(job, T0, runs, lastScheduledAt, null, JobStatus.COMPLETED, null, null);
  }
}
