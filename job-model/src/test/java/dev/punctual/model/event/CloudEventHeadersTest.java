package dev.punctual.model.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.schedule.Schedule;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Random;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class CloudEventHeadersTest {

  private static final JobDefinition JOB =
      new JobDefinition(
          "report",
          null,
          Schedule.Interval.of(Duration.ofSeconds(10)),
          HttpTarget.post("http://localhost:9000/run"),
          JsonNodeFactory.instance.objectNode(),
          null,
          false,
          null,
          null,
          null);

  private static final Instant SCHEDULED = Instant.parse("2027-03-13T07:30:00Z");

  @Test
  void aFireIsAJobFiredEventOfTheSchedulerIdentifiedByItsAttempt() {
    var fire =
        JobFired.retry(
            JOB,
            "report@1",
            SCHEDULED,
            3,
            SCHEDULED.plusSeconds(4),
            Instant.parse("2027-03-13T07:30:04.017Z"),
            null);

    var headers = CloudEventHeaders.fired(fire);

    var event = read(headers);
    assertThat(event.getSpecVersion().toString()).isEqualTo("1.0");
    assertThat(event.getId()).isEqualTo("report@1#3");
    assertThat(event.getSource()).isEqualTo(URI.create("/punctual/scheduler"));
    assertThat(event.getType()).isEqualTo("dev.punctual.job.fired");
    assertThat(event.getTime()).isEqualTo(OffsetDateTime.parse("2027-03-13T07:30:04.017Z"));
    assertThat(event.getSubject()).isEqualTo("report");
    assertThat(event.getDataContentType()).isEqualTo("application/json");
    assertThat(text(headers, CloudEventHeaders.TIME)).isEqualTo("2027-03-13T07:30:04.017Z");
    assertThat(text(headers, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
  }

  @Test
  void aResultHasTheIdOfItsAttemptAndTheWorkerAsSource() {
    var fire = JobFired.scheduled(JOB, SCHEDULED, SCHEDULED, 0);
    var finishedAt = SCHEDULED.plusMillis(250);
    var result =
        ExecutionFinished.succeeded(
            fire, "worker 7", SCHEDULED, finishedAt, JsonNodeFactory.instance.objectNode());

    var event = read(CloudEventHeaders.finished(result));

    assertThat(event.getId()).isEqualTo(fire.fireId() + "#1");
    assertThat(event.getType()).isEqualTo("dev.punctual.execution.finished");
    assertThat(event.getSource().toString()).isEqualTo("/punctual/worker/worker%207");
    assertThat(event.getTime().toInstant()).isEqualTo(finishedAt);
    assertThat(event.getSubject()).isEqualTo("report");
  }

  @Test
  void missedOccurrencesHaveAnIdThatTheSameEpisodeAlwaysGets() {
    var missed = missed("report", MissedOccurrences.Reason.MISFIRE, 0, 5);

    var event = read(CloudEventHeaders.missed(missed));
    var again = read(CloudEventHeaders.missed(missed("report", missed.reason(), 0, 5)));

    assertThat(event.getType()).isEqualTo("dev.punctual.occurrences.missed");
    assertThat(event.getSource()).isEqualTo(URI.create("/punctual/scheduler"));
    assertThat(event.getTime().toInstant()).isEqualTo(missed.detectedAt());
    assertThat(event.getId()).isEqualTo(again.getId()).hasSize(36);
  }

  @Test
  void differentEpisodesGetDifferentIds() {
    var random = new Random(15);
    var ids = new HashSet<String>();
    var episodes = new HashSet<String>();
    for (int i = 0; i < 500; i++) {
      var jobId = "job-" + random.nextInt(5);
      var reason = MissedOccurrences.Reason.values()[random.nextInt(2)];
      int from = random.nextInt(20);
      int to = from + random.nextInt(20);
      if (episodes.add(jobId + reason + from + "-" + to)) {
        ids.add(CloudEventHeaders.missedId(missed(jobId, reason, from, to)).toString());
      }
    }
    assertThat(ids).hasSameSizeAs(episodes);
  }

  private static MissedOccurrences missed(
      String jobId, MissedOccurrences.Reason reason, int fromSeconds, int toSeconds) {
    return new MissedOccurrences(
        jobId,
        reason,
        "FIRE_ONCE",
        SCHEDULED.plusSeconds(fromSeconds),
        SCHEDULED.plusSeconds(toSeconds),
        toSeconds - fromSeconds + 1,
        null,
        SCHEDULED.plusSeconds(60));
  }

  private static CloudEvent read(Headers headers) {
    return KafkaMessageFactory.createReader(headers, "{}".getBytes(StandardCharsets.UTF_8))
        .toEvent();
  }

  private static String text(Headers headers, String name) {
    return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
