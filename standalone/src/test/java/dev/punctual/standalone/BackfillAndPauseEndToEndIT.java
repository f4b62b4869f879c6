package dev.punctual.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.punctual.embedded.TopicReader;
import dev.punctual.model.event.FireIds;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.event.Trigger;
import dev.punctual.model.topic.Topics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Backfill and {@code pauseAfterFailures} on the real stack, each driven through the REST API: a
 * backfill of ten hourly occurrences reaches the fires topic as ten {@code BACKFILL} fires with the
 * occurrences' fire ids, and a job whose target always fails is paused by the API after the given
 * number of failed occurrences, with {@code pausedReason} {@code FAILURES} until it is resumed.
 */
class BackfillAndPauseEndToEndIT {

  private static PunctualSystem system;
  private static HttpServer target;
  private static final AtomicInteger failingCalls = new AtomicInteger();

  @BeforeAll
  static void start() throws IOException {
    system = SharedSystem.get();
    target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    target.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    target.createContext(
        "/ok",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    target.createContext(
        "/fail",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          failingCalls.incrementAndGet();
          exchange.sendResponseHeaders(500, -1);
          exchange.close();
        });
    target.start();
  }

  @AfterAll
  static void stop() {
    target.stop(0);
  }

  @Test
  void aBackfillThroughRestFiresEachOccurrenceOfTheRangeOldestFirst() {
    var from = Instant.parse("2026-01-01T00:00:00Z");
    var body =
        """
        {"id":"e2e-backfill","schedule":{"every":"PT1H","startAt":"%s"},
         "target":{"type":"http","url":"http://127.0.0.1:%d/ok"}}
        """
            .formatted(from, target.getAddress().getPort());
    var created = ApiCalls.send(system, "POST", "/jobs", body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

    var accepted =
        ApiCalls.send(
            system,
            "POST",
            "/jobs/e2e-backfill/backfill",
            """
            {"from":"%s","to":"%s"}
            """
                .formatted(from, from.plus(Duration.ofHours(10))));
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

    var fires = backfillFiresOf("e2e-backfill", 10);
    assertThat(fires)
        .extracting(JobFired::fireId)
        .containsExactlyElementsOf(
            IntStream.range(0, 10)
                .mapToObj(h -> FireIds.scheduled("e2e-backfill", from.plus(Duration.ofHours(h))))
                .toList());
    assertThat(fires)
        .allSatisfy(
            fire -> {
              assertThat(fire.attempt()).isEqualTo(1);
              assertThat(fire.firedAt()).isAfterOrEqualTo(fire.dueAt());
            });
    assertThat(ApiCalls.send(system, "DELETE", "/jobs/e2e-backfill", null).statusCode())
        .isEqualTo(204);
  }

  @Test
  void aJobWhoseTargetKeepsFailingIsPausedAfterTheGivenNumberOfFailedOccurrences() {
    var body =
        """
        {"id":"e2e-pause-failures","schedule":{"every":"PT1S","pauseAfterFailures":3},
         "target":{"type":"http","url":"http://127.0.0.1:%d/fail"},
         "retry":{"maxAttempts":1}}
        """
            .formatted(target.getAddress().getPort());
    var created = ApiCalls.send(system, "POST", "/jobs", body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

    var paused =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> ApiCalls.json(ApiCalls.send(system, "GET", "/jobs/e2e-pause-failures", null)),
                job -> "PAUSED".equals(job.path("status").asText()));
    assertThat(paused.path("pausedReason").asText()).isEqualTo("FAILURES");
    assertThat(paused.path("paused").asBoolean()).isTrue();
    assertThat(failingCalls.get()).isGreaterThanOrEqualTo(3);

    var resumed = ApiCalls.send(system, "POST", "/jobs/e2e-pause-failures/resume", null);
    assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
    var job = ApiCalls.json(ApiCalls.send(system, "GET", "/jobs/e2e-pause-failures", null));
    assertThat(job.path("status").asText()).isEqualTo("ACTIVE");
    assertThat(job.path("pausedReason").isMissingNode() || job.path("pausedReason").isNull())
        .as("pausedReason after resume: %s", job)
        .isTrue();
    assertThat(ApiCalls.send(system, "DELETE", "/jobs/e2e-pause-failures", null).statusCode())
        .isEqualTo(204);
  }

  private static List<JobFired> backfillFiresOf(String jobId, int count) {
    var topic = Topics.DEFAULT.fires();
    var values = topic.valueSerde().deserializer();
    try (var reader = new TopicReader(system.kafkaBootstrapServers(), topic.name())) {
      return await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  reader.recordsOf(jobId).stream()
                      .map(r -> values.deserialize(r.topic(), r.value()))
                      .filter(fire -> fire.trigger() == Trigger.BACKFILL)
                      .toList(),
              fires -> fires.size() >= count);
    }
  }
}
