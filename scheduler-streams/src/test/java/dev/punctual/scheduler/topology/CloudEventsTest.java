package dev.punctual.scheduler.topology;

import static dev.punctual.scheduler.topology.Jobs.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.event.CloudEventHeaders;
import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.Trigger;
import dev.punctual.model.schedule.MisfirePolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Every record the scheduler writes to the fires and missed topics carries the CloudEvents 1.0
 * binary-mode headers, whatever made it: a schedule, a trigger, a retry or a misfire.
 */
class CloudEventsTest extends SchedulerDriverTest {

  private static final Instant T0 = Instant.parse("2027-03-13T07:30:00Z");

  @BeforeEach
  void start() {
    scheduler = new SchedulerDriver(T0, stateDir);
  }

  @Test
  void scheduledManualAndRetriedFiresAreJobFiredEventsIdentifiedByTheirAttempt() {
    scheduler.define(
        aJob("report")
            .every(Duration.ofHours(1))
            .createdAt(T0.minusSeconds(3_599))
            .retry(3, Duration.ofSeconds(1), 1.0, Duration.ofSeconds(1))
            .build());
    scheduler.advance(Duration.ofSeconds(2));
    scheduler.trigger("report", "req-1");
    var scheduled = scheduler.fires().getFirst();
    scheduler.result(
        ExecutionFinished.failed(
            scheduled,
            "w1",
            scheduler.now(),
            scheduler.now(),
            JsonNodeFactory.instance.objectNode(),
            "HTTP 503"));
    scheduler.advance(Duration.ofSeconds(2));

    var records = scheduler.fireRecords();

    assertThat(records)
        .extracting(record -> record.value().trigger())
        .containsExactly(Trigger.SCHEDULE, Trigger.MANUAL, Trigger.RETRY);
    for (var record : records) {
      var fire = record.value();
      assertHeaders(
          record,
          fire.fireId() + "#" + fire.attempt(),
          CloudEventHeaders.FIRED,
          fire.firedAt(),
          fire.jobId());
    }
    assertThat(header(records.getLast().headers(), CloudEventHeaders.ID))
        .isEqualTo(scheduled.fireId() + "#2");
  }

  @Test
  void missedOccurrencesAreOccurrencesMissedEventsWithTheIdOfTheirEpisode() {
    scheduler.define(
        aJob("report")
            .every(Duration.ofMinutes(1))
            .createdAt(T0)
            .misfirePolicy(MisfirePolicy.FIRE_ONCE)
            .build());
    scheduler.advance(Duration.ofMinutes(1));
    scheduler.restart(Duration.ofMinutes(10));
    scheduler.advance(Duration.ofSeconds(1));

    var records = scheduler.missedRecords();

    assertThat(records).isNotEmpty();
    for (var record : records) {
      var missed = record.value();
      assertHeaders(
          record,
          CloudEventHeaders.missedId(missed).toString(),
          CloudEventHeaders.MISSED,
          missed.detectedAt(),
          missed.jobId());
    }
  }

  private static void assertHeaders(
      TestRecord<String, ?> record, String id, String type, Instant time, String subject) {
    var headers = record.headers();
    assertThat(header(headers, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
    assertThat(header(headers, CloudEventHeaders.ID)).isEqualTo(id);
    assertThat(header(headers, CloudEventHeaders.SOURCE)).isEqualTo("/punctual/scheduler");
    assertThat(header(headers, CloudEventHeaders.TYPE)).isEqualTo(type);
    assertThat(Instant.parse(header(headers, CloudEventHeaders.TIME))).isEqualTo(time);
    assertThat(header(headers, CloudEventHeaders.SUBJECT)).isEqualTo(subject);
    assertThat(header(headers, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
    assertThat(headers.headers(CloudEventHeaders.ID)).as("one ce_id").hasSize(1);
  }

  private static String header(Headers headers, String name) {
    var header = headers.lastHeader(name);
    assertThat(header).as("header %s", name).isNotNull();
    return new String(header.value(), StandardCharsets.UTF_8);
  }
}
