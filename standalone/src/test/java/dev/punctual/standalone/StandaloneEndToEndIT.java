package dev.punctual.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.embedded.TopicReader;
import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.ExecutionStatus;
import dev.punctual.model.json.Json;
import dev.punctual.model.topic.Topics;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The whole system in one JVM, used as a user would: jobs created through the REST API and produced
 * straight onto the jobs topic are fired by the scheduler and executed by the worker against an
 * HTTP endpoint served by this test.
 */
class StandaloneEndToEndIT {

  private static TargetServer target;
  private static PunctualSystem system;

  @BeforeAll
  static void start() {
    target = SharedSystem.target();
    system = SharedSystem.get();
  }

  @Test
  void jobCreatedThroughTheApiRunsEverySecondUntilDeleted() {
    // given
    var body =
        """
        {"id":"e2e-rest","schedule":{"every":"PT1S"},
         "target":{"type":"http","method":"POST","url":"%s","body":"hello"}}
        """
            .formatted(target.url("/hook/rest"));

    // when
    var created = send("POST", "/jobs", body);

    // then
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/jobs/e2e-rest"));
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> assertThat(target.callsTo("/hook/rest")).hasSizeGreaterThanOrEqualTo(3));
    var calls = target.callsTo("/hook/rest");
    var keys = calls.stream().map(TargetServer.Call::idempotencyKey).toList();
    assertThat(new HashSet<>(keys)).as("every fire has its own fireId").hasSize(keys.size());
    assertThat(keys).allSatisfy(k -> assertThat(k).startsWith("e2e-rest@"));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              var executions = executionsOf("e2e-rest");
              var fireIds = executions.stream().map(e -> e.get("fireId").asString()).toList();
              assertThat(fireIds).containsAll(keys.subList(0, 3));
              assertThat(executions)
                  .allSatisfy(e -> assertThat(e.get("status").asString()).isEqualTo("SUCCEEDED"));
            });

    // when deleted, it stops: after the fires already in flight, no call comes any more
    assertThat(send("DELETE", "/jobs/e2e-rest", null).statusCode()).isEqualTo(204);
    assertThat(send("GET", "/jobs/e2e-rest", null).statusCode()).isEqualTo(404);
    await().atMost(Duration.ofSeconds(30)).until(quietFor("/hook/rest", Duration.ofSeconds(3)));
    int afterQuiet = target.callsTo("/hook/rest").size();
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> target.callsTo("/hook/rest").size() == afterQuiet);
  }

  @Test
  void jobProducedStraightOntoTheTopicFiresAndIsExecuted() {
    var topics = Topics.DEFAULT;
    var definition =
        """
        {"id":"e2e-direct","schedule":{"every":"PT1S"},
         "target":{"type":"http","url":"%s"}}
        """
            .formatted(target.url("/hook/direct"));
    DirectProducer.send(
        system, topics.jobs().name(), "e2e-direct", definition.getBytes(StandardCharsets.UTF_8));

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> assertThat(target.callsTo("/hook/direct")).hasSizeGreaterThanOrEqualTo(2));
    assertThat(target.callsTo("/hook/direct"))
        .allSatisfy(c -> assertThat(c.jobId()).isEqualTo("e2e-direct"));
    assertThat(succeededResultsOf("e2e-direct", 2)).hasSizeGreaterThanOrEqualTo(2);

    DirectProducer.send(system, topics.jobs().name(), "e2e-direct", null);
  }

  private static java.util.concurrent.Callable<Boolean> quietFor(String path, Duration window) {
    var lastCount = new int[] {-1};
    var lastChange = new long[] {System.nanoTime()};
    return () -> {
      int count = target.callsTo(path).size();
      if (count != lastCount[0]) {
        lastCount[0] = count;
        lastChange[0] = System.nanoTime();
      }
      return System.nanoTime() - lastChange[0] >= window.toNanos();
    };
  }

  private static List<ExecutionFinished> succeededResultsOf(String jobId, int atLeast) {
    var results = Topics.DEFAULT.results().valueSerde().deserializer();
    try (var reader =
        new TopicReader(system.kafkaBootstrapServers(), Topics.DEFAULT.results().name())) {
      return await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  reader.recordsOf(jobId).stream()
                      .map(r -> results.deserialize(r.topic(), r.value()))
                      .filter(r -> r.status() == ExecutionStatus.SUCCEEDED)
                      .toList(),
              succeeded -> succeeded.size() >= atLeast);
    }
  }

  private static List<JsonNode> executionsOf(String jobId) {
    var response = send("GET", "/jobs/" + jobId + "/executions", null);
    assertThat(response.statusCode()).isEqualTo(200);
    var items = Json.MAPPER.readTree(response.body()).get("items");
    var list = new ArrayList<JsonNode>();
    items.forEach(list::add);
    return list;
  }

  private static HttpResponse<String> send(String method, String path, String json) {
    return ApiCalls.send(system, method, path, json);
  }
}
