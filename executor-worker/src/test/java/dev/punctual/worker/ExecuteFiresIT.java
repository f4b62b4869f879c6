package dev.punctual.worker;

import static dev.punctual.worker.TestKafka.DEADLINE;
import static dev.punctual.worker.TestKafka.bytes;
import static dev.punctual.worker.TestKafka.header;
import static dev.punctual.worker.TestKafka.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.embedded.FreePorts;
import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.ExecutionStatus;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.event.RecordHeaders;
import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.job.KafkaTarget;
import dev.punctual.model.json.Json;
import dev.punctual.worker.execution.WorkerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The worker application against a real broker: fires in, calls and target records out, results and
 * dead letters committed, read back with {@code read_committed} consumers.
 */
@ExtendWith(OutputCaptureExtension.class)
class ExecuteFiresIT {

  private final TestEndpoint endpoint =
      TestEndpoint.start()
          .answering("/ok", 200, "done")
          .answering("/down", 503, "maintenance")
          .answering("/gone", 404, "no such report")
          .answering("/late", 408, "")
          .answeringRetryAfter("/throttled", 429, "slow down", "30")
          .answeringAfter("/slow", Duration.ofSeconds(60), 200, "slow but fine")
          .echoing("/echo", 401, "Authorization");

  @AfterEach
  void stopEndpoint() {
    endpoint.close();
  }

  @Test
  void executesEachFireCommitsOneResultEachAndDeadLettersWhatItCannotRead() throws Exception {
    var topics = TestKafka.topics("it1.", 3);
    TestKafka.createTopics(List.of(new NewTopic("it1-orders", 2, (short) 1)));
    var ok1 = Fires.aFire("job-a", HttpTarget.post(endpoint.url("/ok")));
    var ok2 = Fires.aFire("job-b", HttpTarget.post(endpoint.url("/ok")));
    var down = Fires.aFire("job-c", HttpTarget.post(endpoint.url("/down")));
    var toKafka =
        Fires.aFire(
            "job-d",
            new KafkaTarget(
                "it1-orders",
                "order-7",
                Map.of("source", "it"),
                JsonNodeFactory.instance.objectNode().put("orderId", 7)));
    var toMissingTopic =
        Fires.aFire("job-e", KafkaTarget.of("it1-missing", JsonNodeFactory.instance.nullNode()));
    var afterMalformed =
        Fires.aFire(
            "job-bad", HttpTarget.post(endpoint.url("/ok")), Fires.SCHEDULED_AT.plusSeconds(60));

    RecordMetadata malformed;
    try (var producer = TestKafka.byteProducer()) {
      for (var fire : List.of(ok1, ok2, down, toKafka, toMissingTopic)) {
        producer.send(
            new ProducerRecord<>(topics.fires().name(), bytes(fire.jobId()), Json.toBytes(fire)));
      }
      malformed =
          producer
              .send(new ProducerRecord<>(topics.fires().name(), bytes("job-bad"), bytes("{oops")))
              .get();
    }
    TestKafka.produce(topics, List.of(afterMalformed));

    try (var worker = Workers.start(topics, "it-worker-1")) {
      var results = TestKafka.readResults(topics, 6);

      var byFire = results.stream().collect(Collectors.groupingBy(ExecutionFinished::fireId));
      assertThat(byFire.keySet())
          .containsExactlyInAnyOrder(
              ok1.fireId(),
              ok2.fireId(),
              down.fireId(),
              toKafka.fireId(),
              toMissingTopic.fireId(),
              afterMalformed.fireId());
      assertThat(byFire.values()).allSatisfy(attempts -> assertThat(attempts).hasSize(1));
      assertThat(status(byFire, ok1)).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(status(byFire, ok2)).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(status(byFire, afterMalformed)).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(status(byFire, toKafka)).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(byFire.get(down.fireId()).getFirst().error()).isEqualTo("HTTP 503: maintenance");
      assertThat(byFire.get(toMissingTopic.fireId()).getFirst().error())
          .startsWith("topic it1-missing does not exist; the worker does not create topics");
      assertThat(byFire.get(toMissingTopic.fireId()).getFirst().retryable())
          .as("a missing topic is final")
          .isFalse();
      assertThat(results).allSatisfy(r -> assertThat(r.workerId()).isEqualTo("it-worker-1"));
      assertThat(results)
          .allSatisfy(r -> assertThat(r.finishedAt()).isAfterOrEqualTo(r.startedAt()));

      // Each HTTP fire was called with its fire id as the idempotency key.
      assertThat(endpoint.callsByKey())
          .containsOnlyKeys(ok1.fireId(), ok2.fireId(), down.fireId(), afterMalformed.fireId());

      // The Kafka target's record: once, with the fire headers, committed with its result.
      var targetRecords = TestKafka.readAll("it1-orders", 1);
      assertThat(targetRecords).hasSize(1);
      var written = targetRecords.getFirst();
      assertThat(written.key()).isEqualTo("order-7");
      assertThat(text(written.value())).isEqualTo("{\"orderId\":7}");
      assertThat(header(written, "source")).isEqualTo("it");
      assertThat(header(written, RecordHeaders.FIRE_ID)).isEqualTo(toKafka.fireId());
      assertThat(header(written, RecordHeaders.JOB_ID)).isEqualTo("job-d");
      assertThat(header(written, RecordHeaders.SCHEDULED_AT)).isEqualTo("2027-03-13T07:30:00Z");

      // The malformed record: dead-lettered with its bytes and where it came from.
      var deadLetters = TestKafka.readAll(topics.deadLetter().name(), 1);
      assertThat(deadLetters).hasSize(1);
      var deadLetter = deadLetters.getFirst();
      assertThat(deadLetter.key()).isEqualTo("job-bad");
      assertThat(text(deadLetter.value())).isEqualTo("{oops");
      assertThat(header(deadLetter, RecordHeaders.ERROR)).startsWith("not a valid fire event: ");
      assertThat(header(deadLetter, RecordHeaders.SOURCE_TOPIC)).isEqualTo("it1.fires");
      assertThat(header(deadLetter, RecordHeaders.SOURCE_PARTITION))
          .isEqualTo(String.valueOf(malformed.partition()));
      assertThat(header(deadLetter, RecordHeaders.SOURCE_OFFSET))
          .isEqualTo(String.valueOf(malformed.offset()));

      // Metrics and the actuator endpoints are wired.
      var registry = worker.getBean(MeterRegistry.class);
      assertThat(
              registry
                  .get(WorkerMetrics.EXECUTIONS)
                  .tag("target", "http")
                  .tag("status", "SUCCEEDED")
                  .counter()
                  .count())
          .isEqualTo(3.0);
      assertThat(registry.get(WorkerMetrics.DEAD_LETTERED).counter().count()).isEqualTo(1.0);
      var port = ((WebServerApplicationContext) worker).getWebServer().getPort();
      assertThat(get(port, "/actuator/health/readiness")).contains("\"UP\"");
      var prometheus = get(port, "/actuator/prometheus");
      assertThat(prometheus)
          .contains("punctual_worker_executions_total{")
          .contains("punctual_worker_execution_duration_seconds_bucket{")
          .contains("punctual_worker_start_lateness_seconds_bucket{")
          .contains("punctual_worker_start_lateness_from_scheduled_seconds_bucket{")
          .contains("punctual_worker_in_flight ")
          .contains("punctual_worker_uncommitted ");
    }
  }

  @Test
  void pausesConsumingWhileTheConcurrencyLimitIsReached() {
    var topics = TestKafka.topics("it2.", 3);
    var fires = new ArrayList<JobFired>();
    for (int i = 0; i < 12; i++) {
      fires.add(Fires.aFire("slow-" + i, HttpTarget.post(endpoint.url("/slow"))));
    }
    TestKafka.produce(topics, fires);

    try (var worker =
        Workers.start(topics, "it-worker-2", "--punctual.worker.max-concurrent-executions=3")) {
      await().atMost(DEADLINE).until(() -> endpoint.inProgress() == 3);
      var metrics = worker.getBean(MeterRegistry.class);
      assertThat(metrics.get(WorkerMetrics.IN_FLIGHT).gauge().value()).isEqualTo(3.0);
      assertThat(endpoint.calls()).isEqualTo(3);
      endpoint.release();

      var results = TestKafka.readResults(topics, fires.size());
      assertThat(results)
          .extracting(ExecutionFinished::status)
          .containsOnly(ExecutionStatus.SUCCEEDED);
      assertThat(results).extracting(ExecutionFinished::fireId).doesNotHaveDuplicates();
      assertThat(endpoint.maxInProgress()).isEqualTo(3);
    }
  }

  @Test
  void reportsTimeoutsRefusedConnectionsErrorAnswersAndRefusedDestinations() {
    var topics = TestKafka.topics("it3.", 3);
    int closedPort = FreePorts.orFree(0);
    var timedOut =
        Fires.aFire(
            "timeout",
            new HttpTarget("POST", endpoint.url("/slow"), Map.of(), null, Duration.ofSeconds(1)));
    var refused =
        Fires.aFire("refused", HttpTarget.post("http://127.0.0.1:" + closedPort + "/run"));
    var unavailable = Fires.aFire("unavailable", HttpTarget.post(endpoint.url("/down")));
    var privateAddress = Fires.aFire("private", HttpTarget.post("http://10.0.0.5:8080/run"));
    var metadata =
        Fires.aFire("metadata", HttpTarget.post("http://169.254.169.254/latest/meta-data/"));
    // Only 127.0.0.0/8 is allowed here: loopback over IPv6 stays refused, as by default.
    var ipv6Loopback =
        Fires.aFire("loopback6", HttpTarget.post("http://[::1]:" + endpoint.port() + "/ok"));
    var allowed = Fires.aFire("allowed", HttpTarget.post(endpoint.url("/ok")));
    var gone = Fires.aFire("gone", HttpTarget.post(endpoint.url("/gone")));
    var late = Fires.aFire("late", HttpTarget.post(endpoint.url("/late")));
    var throttled = Fires.aFire("throttled", HttpTarget.post(endpoint.url("/throttled")));
    TestKafka.produce(
        topics,
        List.of(
            timedOut,
            refused,
            unavailable,
            privateAddress,
            metadata,
            ipv6Loopback,
            allowed,
            gone,
            late,
            throttled));

    try (var worker =
        Workers.start(topics, "it-worker-3", "--punctual.worker.allowed-cidrs=127.0.0.0/8")) {
      var results =
          TestKafka.readResults(topics, 10).stream()
              .collect(Collectors.toMap(ExecutionFinished::jobId, Function.identity()));

      assertThat(results).hasSize(10);
      // A 4xx answer is final, but 408 and 429 say "later"; 429 and 503 may say when.
      assertThat(results.get("gone").error()).isEqualTo("HTTP 404: no such report");
      assertThat(results.get("gone").retryable()).isFalse();
      assertThat(results.get("late").retryable()).isTrue();
      assertThat(results.get("unavailable").retryable()).isTrue();
      assertThat(results.get("unavailable").retryAfter()).isNull();
      var throttledResult = results.get("throttled");
      assertThat(throttledResult.retryable()).isTrue();
      assertThat(throttledResult.retryAfter())
          .isBetween(
              throttledResult.startedAt().plusSeconds(30),
              throttledResult.finishedAt().plusSeconds(30));
      assertThat(results.get("timeout").status()).isEqualTo(ExecutionStatus.TIMED_OUT);
      assertThat(results.get("timeout").error()).isEqualTo("no response within 1 s");
      assertThat(results.get("refused").status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(results.get("refused").error())
          .isEqualTo("connection refused: 127.0.0.1:" + closedPort);
      assertThat(results.get("unavailable").status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(results.get("unavailable").error()).isEqualTo("HTTP 503: maintenance");
      assertThat(results.get("unavailable").detail().get("httpStatus").asInt()).isEqualTo(503);
      assertThat(results.get("private").status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(results.get("private").error())
          .isEqualTo(
              "refused: 10.0.0.5 is a private address; allow it with"
                  + " punctual.worker.allowed-cidrs");
      assertThat(results.get("metadata").status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(results.get("metadata").error())
          .isEqualTo(
              "refused: 169.254.169.254 is a cloud metadata address, which the worker never calls");
      assertThat(results.get("loopback6").status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(results.get("loopback6").error())
          .isEqualTo(
              "refused: ::1 is a loopback address; allow it with punctual.worker.allowed-cidrs");
      assertThat(results.get("allowed").status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      // A refused destination is refused again on every attempt; a refused connection may pass.
      assertThat(results.get("private").retryable()).isFalse();
      assertThat(results.get("metadata").retryable()).isFalse();
      assertThat(results.get("refused").retryable()).isTrue();
      assertThat(results.get("timeout").retryable()).isTrue();
      // The refused destinations were never called; the slow one was, once.
      assertThat(endpoint.callsByKey())
          .containsOnlyKeys(
              timedOut.fireId(),
              unavailable.fireId(),
              allowed.fireId(),
              gone.fireId(),
              late.fireId(),
              throttled.fireId());
    }
  }

  @Test
  void aRecordTheTopicCannotTakeFailsItsFireOnlyAndTheLoopMovesOn() {
    var topics = TestKafka.topics("it4.", 1);
    TestKafka.createTopics(
        List.of(
            new NewTopic("it4-small", 1, (short) 1).configs(Map.of("max.message.bytes", "1024")),
            new NewTopic("it4-compacted", 1, (short) 1)
                .configs(Map.of("cleanup.policy", "compact"))));
    var payload = JsonNodeFactory.instance.stringNode("x".repeat(4096));
    // Found out before the record is sent: the topic's max.message.bytes is known.
    var tooLarge = Fires.aFire("too-large", KafkaTarget.of("it4-small", payload));
    // Found out when the broker refuses the record: its transaction fails, the fire is
    // remembered, and reported FAILED when the loop executes the uncommitted fires again.
    var keyless =
        Fires.aFire(
            "keyless", KafkaTarget.of("it4-compacted", JsonNodeFactory.instance.stringNode("k")));
    var fits =
        Fires.aFire("fits", KafkaTarget.of("it4-small", JsonNodeFactory.instance.stringNode("ok")));
    var http = Fires.aFire("http", HttpTarget.post(endpoint.url("/ok")));
    TestKafka.produce(topics, List.of(tooLarge, keyless, fits, http));

    try (var worker = Workers.start(topics, "it-worker-4")) {
      var results = TestKafka.readResults(topics, 4);
      var byJob =
          results.stream().collect(Collectors.toMap(ExecutionFinished::jobId, Function.identity()));

      assertThat(results).hasSize(4);
      assertThat(byJob.get("too-large").status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(byJob.get("too-large").error())
          .matches(
              "the record would be about \\d+ bytes, more than the 1024 bytes topic it4-small"
                  + " accepts \\(max.message.bytes\\)");
      assertThat(byJob.get("keyless").status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(byJob.get("keyless").error())
          .startsWith("Kafka refused the record for topic it4-compacted: ")
          .contains("without key");
      assertThat(byJob.get("fits").status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(byJob.get("http").status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(TestKafka.readAll("it4-small", 1))
          .extracting(r -> text(r.value()))
          .containsExactly("ok");
      assertThat(TestKafka.readAll("it4-compacted", 0)).isEmpty();
      assertThat(
              worker
                  .getBean(MeterRegistry.class)
                  .get(WorkerMetrics.LOOP_ERRORS)
                  .tag("kind", "transaction")
                  .counter()
                  .count())
          .isEqualTo(1.0);
    }
  }

  @Test
  void aPostOnAKeepAliveConnectionTheEndpointDroppedIsSentAgainOnANewOne() {
    var topics = TestKafka.topics("it5.", 1);
    try (var dropping = new KeepAliveDroppingEndpoint();
        var worker = Workers.start(topics, "it-worker-5")) {
      TestKafka.produce(topics, List.of(Fires.aFire("first", HttpTarget.post(dropping.url("/a")))));
      assertThat(TestKafka.readResults(topics, 1)).hasSize(1);

      // The next call reuses the pooled connection, which the endpoint closes without answering.
      TestKafka.produce(
          topics, List.of(Fires.aFire("second", HttpTarget.post(dropping.url("/b")))));

      var results = TestKafka.readResults(topics, 2);
      assertThat(results)
          .filteredOn(result -> result.status() != ExecutionStatus.SUCCEEDED)
          .extracting(ExecutionFinished::error)
          .isEmpty();
      assertThat(dropping.dropped()).isEqualTo(1);
      assertThat(dropping.answered()).isEqualTo(2);
    }
  }

  @Test
  void aFireForgedOntoTheFiresTopicCannotWriteToPunctualsOwnTopics() {
    var topics = TestKafka.topics("it6.", 1);
    var forged =
        Fires.aFire(
            "forger",
            KafkaTarget.of(
                topics.fires().name(),
                JsonNodeFactory.instance.objectNode().put("fireId", "forged")));
    TestKafka.produce(topics, List.of(forged));

    try (var worker = Workers.start(topics, "it-worker-6")) {
      var result = TestKafka.readResults(topics, 1).getFirst();

      assertThat(result.fireId()).isEqualTo(forged.fireId());
      assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(result.retryable()).isFalse();
      assertThat(result.error())
          .isEqualTo(
              "refused: topic it6.fires is one of Punctual's own topics (every topic starting with"
                  + " 'it6.'); a Kafka target must write to another topic");
      // Only the forged fire itself: the worker wrote nothing to the topic.
      assertThat(TestKafka.readAll(topics.fires().name(), 1))
          .extracting(record -> record.key())
          .containsExactly("forger");
    }
  }

  @Test
  void anHttpTargetGetsItsSecretFromTheSecretsDirectoryAndNothingElseSeesIt(
      @TempDir Path secrets, CapturedOutput output) throws IOException {
    var topics = TestKafka.topics("it7.", 1);
    var token = "tok-" + UUID.randomUUID();
    Files.writeString(secrets.resolve("TOKEN"), token + "\n");
    var withSecret =
        Fires.aFire(
            "with-secret",
            new HttpTarget(
                "POST",
                endpoint.url("/ok"),
                Map.of("Authorization", "Bearer {{secret.TOKEN}}"),
                "{\"token\":\"{{secret.TOKEN}}\"}",
                Duration.ofSeconds(5)));
    var echoed =
        Fires.aFire(
            "echoed",
            new HttpTarget(
                "POST",
                endpoint.url("/echo"),
                Map.of("Authorization", "Bearer {{secret.TOKEN}}"),
                null,
                Duration.ofSeconds(5)));
    var unknown =
        Fires.aFire(
            "unknown-secret",
            new HttpTarget(
                "POST",
                endpoint.url("/ok"),
                Map.of("Authorization", "Bearer {{secret.NOPE}}"),
                null,
                Duration.ofSeconds(5)));
    TestKafka.produce(topics, List.of(withSecret, echoed, unknown));

    try (var worker =
        Workers.start(
            topics,
            "it-worker-7",
            "--punctual.worker.secrets-dir=" + secrets,
            "--logging.level.dev.punctual=DEBUG")) {
      var records = TestKafka.readAll(topics.results().name(), 3);
      var results =
          records.stream()
              .map(record -> TestKafka.result(topics, record))
              .collect(Collectors.toMap(ExecutionFinished::jobId, Function.identity()));

      assertThat(results.get("with-secret").status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(endpoint.requestHeaders())
          .hasSize(2)
          .allSatisfy(
              headers ->
                  assertThat(headers.get("Authorization")).containsExactly("Bearer " + token));
      // The target echoed the secret: the result shows where, not what.
      assertThat(results.get("echoed").error()).isEqualTo("HTTP 401: you sent Bearer ******");
      assertThat(results.get("echoed").detail().get("body").asString())
          .isEqualTo("you sent Bearer ******");
      assertThat(results.get("unknown-secret").status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(results.get("unknown-secret").retryable()).isFalse();
      assertThat(results.get("unknown-secret").error()).startsWith("unknown secret NOPE: ");
      assertThat(records)
          .allSatisfy(record -> assertThat(text(record.value())).doesNotContain(token));
      assertThat(TestKafka.readAll(topics.fires().name(), 3))
          .allSatisfy(record -> assertThat(text(record.value())).doesNotContain(token));
      assertThat(output)
          .as("the worker's log")
          .contains("Secrets come from the files in " + secrets.toAbsolutePath())
          .contains("Fire " + withSecret.fireId())
          .contains("Fire " + echoed.fireId() + " (attempt 1) FAILED in")
          .doesNotContain(token);
    }
  }

  private static ExecutionStatus status(
      Map<String, List<ExecutionFinished>> byFire, JobFired fire) {
    return byFire.get(fire.fireId()).getFirst().status();
  }

  private static String get(int port, String path) throws Exception {
    try (var client = HttpClient.newHttpClient()) {
      return client
          .send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    }
  }
}
