package dev.punctual.api.live;

import static dev.punctual.api.testing.SecuredApi.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.api.testing.ApiClient;
import dev.punctual.api.testing.Jobs;
import dev.punctual.api.testing.Records;
import dev.punctual.api.testing.RunningApi;
import dev.punctual.api.testing.SecuredApi;
import dev.punctual.api.testing.TestServers;
import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.json.JobDefinitionCodec;
import dev.punctual.model.json.Json;
import dev.punctual.model.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The live event streams with security on: a caller hears the fires and results of the jobs it may
 * read as the projections apply them, and nothing of another namespace's jobs; the streams need
 * {@code jobs:read} like the REST reads.
 */
class LiveEventsIT {

  private static final String NAME = "live_events";
  private static final Topics TOPICS = new Topics(NAME + ".");
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final Instant SCHEDULED = Instant.parse("2027-03-13T07:30:00Z");

  private static SecuredApi secured;
  private static ApiClient api;
  private static Records records;
  private static int port;
  private static String keyA;
  private static String keyB;

  @BeforeAll
  static void start() {
    secured = SecuredApi.start(NAME);
    api = secured.api();
    port = port(secured.instance());
    records = new Records(TestServers.kafka().bootstrapServers());
    keyA = SecuredApi.issueKey(api, "team-a", "jobs:read", "jobs:write");
    keyB = SecuredApi.issueKey(api, "team-b", "jobs:read", "jobs:write");
  }

  @AfterAll
  static void stop() {
    if (records != null) {
      records.close();
    }
    if (secured != null) {
      secured.close();
    }
  }

  @Test
  void aCallerHearsItsOwnJobsFiresAndResultsAndNothingOfAnotherNamespace() throws Exception {
    var jobA = createJob("a", keyA);
    var jobB = createJob("b", keyB);
    try (var streamA = EventStream.open(port, "/events", bearer(keyA));
        var streamB = EventStream.open(port, "/events", bearer(keyB));
        var streamOfJobA = EventStream.open(port, "/jobs/" + jobA.id() + "/events", bearer(keyA))) {
      assertThat(List.of(streamA.status(), streamB.status(), streamOfJobA.status()))
          .containsOnly(200);
      assertThat(streamA.response().headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));

      // when A's job fires and its worker reports
      var fire = JobFired.scheduled(jobA, SCHEDULED, SCHEDULED.plusMillis(3), 0);
      send(TOPICS.fires().name(), fire.jobId(), Json.toBytes(fire));
      var result = succeeded(fire);
      send(TOPICS.results().name(), result.jobId(), Json.toBytes(result));

      // then A hears both, on the stream of all its jobs and on the job's own
      for (var stream : List.of(streamA, streamOfJobA)) {
        var events = awaitEvents(stream, 2);
        assertThat(events).extracting(e -> e.get("fireId").asString()).containsOnly(fire.fireId());
        var finished =
            events.stream().filter(e -> e.get("type").asString().equals("finished")).findFirst();
        assertThat(finished)
            .hasValueSatisfying(
                e -> {
                  assertThat(e.get("status").asString()).isEqualTo("SUCCEEDED");
                  assertThat(e.get("scheduledAt").asString()).isEqualTo(SCHEDULED.toString());
                  assertThat(e.get("startedAt").asString())
                      .isEqualTo(result.startedAt().toString());
                  assertThat(e.get("workerId").asString()).isEqualTo("worker-1");
                });
        assertThat(events)
            .extracting(e -> e.get("type").asString())
            .containsExactlyInAnyOrder("fired", "finished");
      }

      // and B, whose queue would hold A's events before its own, hears only its own job
      var fireB = JobFired.scheduled(jobB, SCHEDULED, SCHEDULED.plusMillis(3), 0);
      send(TOPICS.fires().name(), fireB.jobId(), Json.toBytes(fireB));
      awaitEvents(streamB, 1);
      assertThat(streamB.events())
          .extracting(e -> e.get("jobId").asString())
          .containsOnly(jobB.id());
    }
  }

  @Test
  void theStreamsNeedACredentialWithJobsReadAndAVisibleJob() throws Exception {
    var jobB = createJob("hidden", keyB);
    var writeOnly = SecuredApi.issueKey(api, "team-a", "jobs:write");

    try (var anonymous = EventStream.open(port, "/events");
        var withoutScope = EventStream.open(port, "/events", bearer(writeOnly));
        var otherNamespace =
            EventStream.open(port, "/jobs/" + jobB.id() + "/events", bearer(keyA))) {
      assertThat(anonymous.status()).isEqualTo(401);
      assertThat(withoutScope.status()).isEqualTo(403);
      assertThat(otherNamespace.status()).isEqualTo(404);
    }
  }

  @Test
  void anInstanceServesAtMostItsMaximumOfStreams() throws Exception {
    var arguments = new java.util.ArrayList<String>();
    arguments.addAll(TestServers.database(NAME + "_limit"));
    arguments.addAll(TestServers.topics(NAME + "_limit"));
    arguments.add("--punctual.api.events.max-connections=1");
    // A closed client is noticed at the next write: a heartbeat soon frees its slot.
    arguments.add("--punctual.api.events.heartbeat=200ms");
    try (var instance = RunningApi.start(arguments)) {
      int limited = port(instance);
      try (var first = EventStream.open(limited, "/events");
          var second = EventStream.open(limited, "/events")) {
        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(503);
        assertThat(second.response().headers().firstValue("Retry-After")).isPresent();
      }
      // the closed streams free their slot
      await("a free slot")
          .atMost(DEADLINE)
          .until(
              () -> {
                try (var again = EventStream.open(limited, "/events")) {
                  return again.status() == 200;
                }
              });
    }
  }

  private static dev.punctual.model.job.JobDefinition createJob(String prefix, String key) {
    var id = prefix + "-" + UUID.randomUUID();
    var body = Jobs.definition(id, "\"every\": \"PT1H\", \"startAt\": \"2030-01-01T00:00:00Z\"");
    var answer = api.post("/jobs", body, bearer(key));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    return JobDefinitionCodec.parse(body.getBytes(StandardCharsets.UTF_8), null);
  }

  private static void send(String topic, String key, byte[] value) {
    records.send(topic, key, value);
  }

  private static ExecutionFinished succeeded(JobFired fire) {
    return ExecutionFinished.succeeded(
        fire,
        "worker-1",
        fire.firedAt().plusMillis(7),
        fire.firedAt().plusMillis(50),
        JsonNodeFactory.instance.objectNode().put("httpStatus", 200));
  }

  private static List<JsonNode> awaitEvents(EventStream stream, int count) {
    return await().atMost(DEADLINE).until(stream::events, events -> events.size() >= count);
  }

  private static int port(RunningApi instance) {
    return instance
        .context()
        .getEnvironment()
        .getRequiredProperty("local.server.port", Integer.class);
  }
}
