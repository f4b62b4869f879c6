package dev.punctual.scheduler.timer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.schedule.Schedule;
import dev.punctual.model.schedule.ScheduleOptions;
import java.time.Duration;
import java.time.Instant;
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
        new Schedule.Interval(
            Duration.ofSeconds(1),
            new ScheduleOptions(ScheduleOptions.UTC, null, null, 2, null, null));

    assertThat(Occurrences.nextAfter(schedule, T0, 1, T0)).isEqualTo(T0.plusSeconds(1));
    assertThat(Occurrences.nextAfter(schedule, T0, 2, T0)).isNull();
  }

  @Test
  void aOneTimeJobIsPastOnlyInsideItsWindow() {
    var past = Schedule.Once.at(T0.minusSeconds(1));
    var beforeStart =
        new Schedule.Once(
            T0.minusSeconds(1),
            new ScheduleOptions(ScheduleOptions.UTC, T0, null, null, null, null));

    assertThat(Occurrences.isPastOneTime(past, T0)).isTrue();
    assertThat(Occurrences.isPastOneTime(past, T0.minusSeconds(1))).isFalse();
    assertThat(Occurrences.isPastOneTime(beforeStart, T0)).isFalse();
    assertThat(Occurrences.isPastOneTime(Schedule.Interval.of(Duration.ofSeconds(1)), T0))
        .isFalse();
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
