package dev.punctual.scheduler.topology;

import static dev.punctual.scheduler.topology.Jobs.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.event.JobFired;
import dev.punctual.model.event.RecordHeaders;
import dev.punctual.model.event.Trigger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code TRIGGER} commands: one manual fire now, whatever the job's schedule or state. */
class CommandsTest extends SchedulerDriverTest {

  private static final Instant T0 = Instant.parse("2027-03-13T07:30:00Z");

  @BeforeEach
  void start() {
    scheduler = new SchedulerDriver(T0, stateDir);
  }

  @Test
  void aTriggerFiresTheJobOnceNowWithAManualFireId() {
    var job = aJob("report").every(Duration.ofHours(1)).createdAt(T0.plusSeconds(600)).build();
    scheduler.define(job);
    scheduler.advance(Duration.ofSeconds(1));

    scheduler.trigger("report", "req-1");

    assertThat(scheduler.fires())
        .singleElement()
        .satisfies(
            fire -> {
              assertThat(fire.fireId()).isEqualTo("report@manual-req-1");
              assertThat(fire.trigger()).isEqualTo(Trigger.MANUAL);
              assertThat(fire.attempt()).isEqualTo(1);
              assertThat(fire.scheduledAt()).isEqualTo(T0.plusSeconds(1));
              assertThat(fire.dueAt()).isEqualTo(fire.scheduledAt());
              assertThat(fire.firedAt()).isEqualTo(fire.scheduledAt());
              assertThat(fire.target()).isEqualTo(job.target());
              assertThat(fire.parameters()).isEqualTo(job.parameters());
            });
  }

  @Test
  void aTriggerWithParametersFiresWithThemInPlaceOfTheJobsOnce() {
    var job = aJob("report").every(Duration.ofHours(1)).createdAt(T0.plusSeconds(600)).build();
    scheduler.define(job);
    scheduler.advance(Duration.ofSeconds(1));

    scheduler.commandRaw(
        "report",
        "{\"type\":\"TRIGGER\",\"requestId\":\"req-2\",\"parameters\":{\"region\":\"us\"}}");
    scheduler.trigger("report", "req-3");

    assertThat(scheduler.fires())
        .extracting(fire -> fire.parameters().get("region").asString())
        .containsExactly("us", job.parameters().get("region").asString());
  }

  @Test
  void aTriggerFiresAPausedJobAndItStaysPaused() {
    scheduler.define(
        aJob("paused").every(Duration.ofSeconds(1)).createdAt(T0).paused(true).build());

    scheduler.trigger("paused", "r1");
    scheduler.advance(Duration.ofSeconds(3));

    assertThat(scheduler.fires())
        .singleElement()
        .extracting(JobFired::trigger)
        .isEqualTo(Trigger.MANUAL);
  }

  @Test
  void aTriggerFiresACompletedJobAndDoesNotCountTowardsMaxRuns() {
    scheduler.define(aJob("once").every(Duration.ofSeconds(1)).createdAt(T0).maxRuns(1).build());
    scheduler.advance(Duration.ofSeconds(2));

    scheduler.trigger("once", "again");

    assertThat(scheduler.fires())
        .extracting(JobFired::trigger)
        .containsExactly(Trigger.SCHEDULE, Trigger.MANUAL);
    assertThat(scheduler.state("once").runs()).isEqualTo(1);
  }

  @Test
  void aTriggerForAnUnknownJobIsDeadLettered() {
    scheduler.trigger("ghost", "r1");

    assertThat(scheduler.fires()).isEmpty();
    assertThat(scheduler.deadLetters())
        .singleElement()
        .satisfies(
            record -> {
              assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("ghost");
              assertThat(header(record.headers().lastHeader(RecordHeaders.ERROR).value()))
                  .contains("no job 'ghost' is known");
              assertThat(header(record.headers().lastHeader(RecordHeaders.SOURCE_TOPIC).value()))
                  .isEqualTo("scheduler.commands");
            });
  }

  @Test
  void anUnreadableCommandIsDeadLetteredAndTheNextOneStillWorks() {
    scheduler.define(aJob("job").every(Duration.ofHours(1)).createdAt(T0.plusSeconds(60)).build());

    scheduler.commandRaw("job", "{\"type\":\"REBOOT\"}");
    scheduler.commandRaw("job", "{\"type\":\"TRIGGER\"}");
    scheduler.commandRaw("job", "trigger please");
    scheduler.trigger("job", "ok");

    var deadLetters = scheduler.deadLetters();
    assertThat(deadLetters).hasSize(3);
    assertThat(deadLetters)
        .allSatisfy(
            record ->
                assertThat(header(record.headers().lastHeader(RecordHeaders.ERROR).value()))
                    .startsWith("not a readable command")
                    .contains("{\"type\":\"TRIGGER\",\"requestId\":\"…\"}"));
    assertThat(scheduler.fires())
        .singleElement()
        .extracting(JobFired::fireId)
        .isEqualTo("job@manual-ok");
  }

  private static String header(byte[] value) {
    return new String(value, StandardCharsets.UTF_8);
  }
}
