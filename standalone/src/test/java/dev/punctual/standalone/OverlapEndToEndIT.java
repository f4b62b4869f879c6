package dev.punctual.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.punctual.embedded.TopicReader;
import dev.punctual.model.event.MissedOccurrences;
import dev.punctual.model.topic.Topics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The overlap policy on the real stack: a job created through the REST API with {@code
 * overlapPolicy: SKIP}, due every second, whose HTTP target answers only after 3 s. Its executions
 * never overlap, and the occurrences due while one runs are reported on the missed topic.
 */
class OverlapEndToEndIT {

  private static final Duration ANSWER_AFTER = Duration.ofSeconds(3);

  private static PunctualSystem system;
  private static HttpServer slowTarget;
  private static final ConcurrentLinkedQueue<Run> runs = new ConcurrentLinkedQueue<>();

  /** One call of the slow target: when it arrived and when its answer was sent. */
  record Run(String fireId, Instant started, Instant answered) {}

  @BeforeAll
  static void start() throws IOException {
    system = SharedSystem.get();
    slowTarget = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    slowTarget.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    slowTarget.createContext(
        "/",
        exchange -> {
          var started = Instant.now();
          exchange.getRequestBody().readAllBytes();
          try {
            // the slow target itself: it takes this long to do its work
            Thread.sleep(ANSWER_AFTER);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          var fireId = exchange.getRequestHeaders().getFirst("Idempotency-Key");
          runs.add(new Run(fireId, started, Instant.now()));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    slowTarget.start();
  }

  @AfterAll
  static void stop() {
    slowTarget.stop(0);
  }

  @Test
  void aSkipJobWithASlowTargetNeverOverlapsAndReportsTheSkippedOccurrences() {
    var body =
        """
        {"id":"e2e-overlap","schedule":{"every":"PT1S","overlapPolicy":"SKIP"},
         "target":{"type":"http","url":"http://127.0.0.1:%d/slow","timeout":"PT10S"}}
        """
            .formatted(slowTarget.getAddress().getPort());

    var created = ApiCalls.send(system, "POST", "/jobs", body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

    await().atMost(Duration.ofSeconds(60)).until(() -> runs.size() >= 3);
    assertThat(ApiCalls.send(system, "DELETE", "/jobs/e2e-overlap", null).statusCode())
        .isEqualTo(204);

    var ordered = new ArrayList<>(runs);
    ordered.sort(Comparator.comparing(Run::started));
    for (int i = 1; i < ordered.size(); i++) {
      assertThat(ordered.get(i).started())
          .as("run %s starts after run %s answered", ordered.get(i), ordered.get(i - 1))
          .isAfterOrEqualTo(ordered.get(i - 1).answered());
    }
    assertThat(ordered).extracting(Run::fireId).doesNotHaveDuplicates();

    var missed = missedOf("e2e-overlap", 4);
    assertThat(missed)
        .allSatisfy(
            record -> {
              assertThat(record.reason()).isEqualTo(MissedOccurrences.Reason.OVERLAP);
              assertThat(record.policy()).isEqualTo("SKIP");
              assertThat(record.count()).isEqualTo(1);
              assertThat(record.from()).isEqualTo(record.to());
              assertThat(record.firedScheduledAt()).isNull();
            });
    var firedAt = ordered.stream().map(run -> run.fireId()).toList();
    assertThat(missed)
        .extracting(record -> "e2e-overlap@" + record.from().toEpochMilli())
        .as("a skipped occurrence never ran")
        .doesNotContainAnyElementsOf(firedAt);
  }

  private static List<MissedOccurrences> missedOf(String jobId, int atLeast) {
    var topic = Topics.DEFAULT.missed();
    var values = topic.valueSerde().deserializer();
    try (var reader = new TopicReader(system.kafkaBootstrapServers(), topic.name())) {
      return await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  reader.recordsOf(jobId).stream()
                      .map(r -> values.deserialize(r.topic(), r.value()))
                      .toList(),
              records -> records.size() >= atLeast);
    }
  }
}
