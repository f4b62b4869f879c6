package dev.punctual.scheduler.timer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.job.JobStatus;
import dev.punctual.model.job.RetryPolicy;
import dev.punctual.model.schedule.CronExpression;
import dev.punctual.model.schedule.Schedule;
import dev.punctual.model.schedule.ScheduleOptions;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class JobStateTest {

  private static final Instant T0 = Instant.parse("2027-03-13T07:30:00Z");

  private static final JobDefinition JOB =
      new JobDefinition(
          "job",
          "a job",
          new Schedule.Cron(
              CronExpression.parse("0 2 * * *"),
              ScheduleOptions.builder().timeZone(ZoneId.of("Europe/Berlin")).maxRuns(5).build()),
          HttpTarget.post("https://example.com"),
          JsonNodeFactory.instance.objectNode().put("region", "eu"),
          RetryPolicy.DEFAULT,
          false,
          3L,
          T0,
          T0);

  @Test
  void survivesTheStoreSerde() {
    var state = JobState.unscheduled(JOB, T0).firedAndScheduledFor(T0, T0.plusSeconds(86_400));
    var serde = TimerStores.jobStateSerde();

    var read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", state));

    assertThat(read).isEqualTo(state);
    assertThat(read.runs()).isEqualTo(1);
    assertThat(read.timers()).containsExactly(TimerKey.scheduled(T0.plusSeconds(86_400), "job"));
  }

  @Test
  void retriesOwedAndHandledAttemptsSurviveTheStoreSerdeAndAreTimers() {
    var retry = new PendingRetry("job@1", T0, 2, T0.plusSeconds(1));
    var state =
        JobState.unscheduled(JOB, T0)
            .scheduledFor(T0.plusSeconds(60))
            .withHandled("job@1", 1)
            .withRetry(retry);
    var serde = TimerStores.jobStateSerde();

    var read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", state));

    assertThat(read).isEqualTo(state);
    assertThat(read.timers())
        .containsExactly(
            TimerKey.scheduled(T0.plusSeconds(60), "job"),
            TimerKey.retry(T0.plusSeconds(1), "job", "job@1"));
    assertThat(read.withoutRetry("job@1").timers()).hasSize(1);
    assertThat(read.handledAttempt("job@1")).isEqualTo(1);
  }

  @Test
  void aJobWithoutRetriesStoresNoRetryFieldsAndReadsBackWithNone() {
    var serde = TimerStores.jobStateSerde();
    var bytes = serde.serializer().serialize("t", JobState.unscheduled(JOB, T0).scheduledFor(T0));

    var read = serde.deserializer().deserialize("t", bytes);

    assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8))
        .doesNotContain("retries")
        .doesNotContain("handled");
    assertThat(read.retries()).isEmpty();
    assertThat(read.handled()).isEmpty();
  }

  @Test
  void remembersABoundedNumberOfHandledAttemptsDroppingTheOldest() {
    var state = JobState.unscheduled(JOB, T0);
    for (int i = 0; i < JobState.MAX_HANDLED + 5; i++) {
      state = state.withHandled("job@" + i, 1);
    }
    state = state.withHandled("job@10", 2);

    assertThat(state.handled()).hasSize(JobState.MAX_HANDLED);
    assertThat(state.handledAttempt("job@4")).isZero();
    assertThat(state.handledAttempt("job@5")).isEqualTo(1);
    assertThat(state.handledAttempt("job@10")).isEqualTo(2);
    assertThat(state.handled().getLast()).isEqualTo(new HandledAttempt("job@10", 2));
  }

  @Test
  void keepsManualParametersPerFireUntilDroppedAndABoundedNumberOfThem() {
    var state = JobState.unscheduled(JOB, T0);
    assertThat(state.withoutManualParameters("job@manual:x")).isSameAs(state);
    for (int i = 0; i < JobState.MAX_MANUAL + 3; i++) {
      state = state.withManualParameters("job@manual:" + i, region("r" + i));
    }
    state = state.withManualParameters("job@manual:5", region("again"));

    assertThat(state.manual()).hasSize(JobState.MAX_MANUAL);
    assertThat(state.manualParameters("job@manual:2")).isNull();
    assertThat(state.manualParameters("job@manual:3")).isEqualTo(region("r3"));
    assertThat(state.manualParameters("job@manual:5")).isEqualTo(region("again"));
    assertThat(state.manual().getLast().fireId()).isEqualTo("job@manual:5");
    var dropped = state.withoutManualParameters("job@manual:3");
    assertThat(dropped.manualParameters("job@manual:3")).isNull();
    assertThat(dropped.manual()).hasSize(JobState.MAX_MANUAL - 1);
    assertThat(dropped.scheduledFor(T0).paused().withHandled("job@1", 1).manual())
        .as("kept through other changes")
        .isEqualTo(dropped.manual());
  }

  private static tools.jackson.databind.node.ObjectNode region(String region) {
    return JsonNodeFactory.instance.objectNode().put("region", region);
  }

  @Test
  void isActiveExactlyWhenItHasANextOccurrence() {
    assertThat(JobState.unscheduled(JOB, T0).scheduledFor(T0).status()).isEqualTo(JobStatus.ACTIVE);
    assertThat(JobState.unscheduled(JOB, T0).scheduledFor(null).status())
        .isEqualTo(JobStatus.COMPLETED);
    assertThat(JobState.unscheduled(JOB, T0).paused().timers()).isEmpty();
    assertThatThrownBy(() -> new JobState(JOB, T0, 0, null, T0, JobStatus.PAUSED, null, null))
        .hasMessageContaining("indicates a bug");
    assertThatThrownBy(() -> new JobState(JOB, T0, 0, null, null, JobStatus.ACTIVE, null, null))
        .hasMessageContaining("indicates a bug");
  }
}
