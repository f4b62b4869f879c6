package dev.punctual.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.embedded.TopicReader;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.topic.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The standalone stopped and started again on the same data directory keeps every job and its
 * timers: the API lists every job with its version and status, a one-time job due after the restart
 * fires once, recurring jobs keep firing without repeating an occurrence fired before the stop, and
 * a paused job stays silent. A system of its own (two, one after the other), since it is stopped.
 */
class RestartOnSameDataIT {

  private static final Topics TOPICS = Topics.DEFAULT;
  private static final Duration DEADLINE = Duration.ofSeconds(120);

  /**
   * How far after the stop the one-time job is due: longer than a restart usually takes here, so
   * that it fires on time after the restart (a slower restart makes it a late fire, still one).
   */
  private static final Duration ONE_TIME_DELAY = Duration.ofSeconds(25);

  @Test
  void everyJobAndItsTimersSurviveARestartOnTheSameDataDirectory() throws IOException {
    var settings = settings();
    try (var target = new TargetServer()) {
      restartKeepsEveryJobAndTimer(settings, target);
    }
  }

  private static void restartKeepsEveryJobAndTimer(
      StandaloneProperties settings, TargetServer target) {
    var first = PunctualSystem.start(settings, List.of());
    Map<String, JobState> before;
    String once;
    Instant stoppedAt;
    List<String> recurring;
    String paused;
    try {
      // given recurring jobs that have fired, a paused job and a one-time job not yet due
      recurring =
          List.of(
              create(first, target, "interval", "\"every\":\"PT2S\"", false),
              create(first, target, "cron", "\"cron\":\"*/2 * * * * *\"", false));
      paused = create(first, target, "paused", "\"every\":\"PT1S\"", true);
      var updated =
          ApiCalls.send(
              first,
              "PUT",
              "/jobs/" + recurring.get(0),
              definition(target, recurring.get(0), "\"every\":\"PT2S\"", false)
                  .replace("{\"id\"", "{\"name\":\"renamed\",\"id\""));
      assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
      try (var fires = new TopicReader(first.kafkaBootstrapServers(), TOPICS.fires().name())) {
        await("two fires of each recurring job")
            .atMost(DEADLINE)
            .until(() -> recurring.stream().allMatch(id -> firesOf(fires.poll(), id).size() >= 2));
      }
      var at = Instant.now().plus(ONE_TIME_DELAY).truncatedTo(ChronoUnit.SECONDS);
      once = create(first, target, "once", "\"at\":\"" + at + "\"", false);
      before = listed(first);
      stoppedAt = Instant.now();
    } finally {
      // when the system stops and starts again on the same directory
      first.close();
    }
    var second = PunctualSystem.start(settings, List.of());
    try (second) {
      // then the API lists every job as it was
      var listedAt = Instant.now();
      var after = listed(second);
      assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(before.keySet());
      for (var job : before.entrySet()) {
        var state = after.get(job.getKey());
        assertThat(state.version()).as(job.getKey()).isEqualTo(job.getValue().version());
        if (!job.getKey().equals(once) || listedAt.isBefore(before.get(once).nextRunAt())) {
          assertThat(state.status()).as(job.getKey()).isEqualTo(job.getValue().status());
        }
      }
      assertThat(before.get(recurring.get(0)).version()).isEqualTo(2);
      assertThat(before.get(paused).status()).isEqualTo("PAUSED");

      // and the timers survived
      var dueAt = before.get(once).nextRunAt();
      try (var fires = new TopicReader(second.kafkaBootstrapServers(), TOPICS.fires().name())) {
        await("the one-time job's fire")
            .atMost(DEADLINE.plus(ONE_TIME_DELAY))
            .until(() -> !firesOf(fires.poll(), once).isEmpty());
        var onceFired = firesOf(fires.poll(), once).getFirst().firedAt();
        await("two fires of each recurring job after the one-time job's fire")
            .atMost(DEADLINE)
            .until(
                () ->
                    recurring.stream()
                        .allMatch(
                            id ->
                                firesOf(fires.poll(), id).stream()
                                        .filter(f -> f.firedAt().isAfter(onceFired))
                                        .count()
                                    >= 2));
        var all = fires.poll().stream().map(r -> decode(r.value())).toList();
        assertThat(ofJob(all, once))
            .singleElement()
            .satisfies(
                fire -> {
                  assertThat(fire.scheduledAt()).isEqualTo(dueAt);
                  assertThat(fire.firedAt()).isAfterOrEqualTo(dueAt).isAfter(stoppedAt);
                });
        for (var id : recurring) {
          var scheduled =
              ofJob(all, id).stream()
                  .filter(f -> f.attempt() == 1)
                  .map(JobFired::scheduledAt)
                  .toList();
          assertThat(scheduled).as("occurrences of " + id).doesNotHaveDuplicates();
          assertThat(scheduled).as(id + " before the stop").anyMatch(t -> t.isBefore(stoppedAt));
          assertThat(scheduled).as(id + " after the restart").anyMatch(t -> t.isAfter(listedAt));
        }
        assertThat(all).as("never early").allMatch(f -> !f.firedAt().isBefore(f.dueAt()));
        assertThat(ofJob(all, paused)).as("fires of the paused job").isEmpty();
      }
      await("the one-time job completed")
          .atMost(DEADLINE)
          .until(() -> "COMPLETED".equals(listed(second).get(once).status()));
    }
  }

  /** Free ports chosen once: the restart reuses them, as a user's restart does. */
  private static StandaloneProperties settings() throws IOException {
    return StandaloneProperties.forTestsOnFreePorts(
        Files.createTempDirectory("punctual-restart-it-"));
  }

  /** A listed job's version, status and next run. */
  private record JobState(long version, String status, Instant nextRunAt) {}

  private static Map<String, JobState> listed(PunctualSystem system) {
    var response = ApiCalls.send(system, "GET", "/jobs?limit=100", null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    var jobs = new HashMap<String, JobState>();
    for (var job : ApiCalls.json(response).get("items")) {
      var next = job.get("nextRunAt");
      jobs.put(
          job.get("id").asString(),
          new JobState(
              job.get("version").asLong(),
              job.get("status").asString(),
              next == null || next.isNull() ? null : Instant.parse(next.asString())));
    }
    return jobs;
  }

  private static String create(
      PunctualSystem system, TargetServer target, String id, String schedule, boolean paused) {
    var response = ApiCalls.send(system, "POST", "/jobs", definition(target, id, schedule, paused));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return id;
  }

  private static String definition(
      TargetServer target, String id, String schedule, boolean paused) {
    return """
        {"id":"%s","schedule":{%s},"paused":%s,
         "target":{"type":"http","method":"POST","url":"%s"}}
        """
        .formatted(id, schedule, paused, target.url("/restart/" + id));
  }

  private static List<JobFired> firesOf(List<ConsumerRecord<String, byte[]>> records, String id) {
    return records.stream().filter(r -> id.equals(r.key())).map(r -> decode(r.value())).toList();
  }

  private static List<JobFired> ofJob(List<JobFired> fires, String id) {
    return fires.stream().filter(f -> id.equals(f.jobId())).toList();
  }

  private static JobFired decode(byte[] value) {
    return TOPICS.fires().valueSerde().deserializer().deserialize("", value);
  }
}
