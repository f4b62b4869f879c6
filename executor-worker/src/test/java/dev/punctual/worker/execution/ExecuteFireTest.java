package dev.punctual.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.ExecutionStatus;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.event.RecordHeaders;
import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.job.KafkaTarget;
import dev.punctual.model.log.LogContext;
import dev.punctual.model.topic.Topics;
import dev.punctual.worker.Fires;
import dev.punctual.worker.http.CallHttpTarget;
import dev.punctual.worker.http.DestinationCheck;
import dev.punctual.worker.http.RefusedDestinationException;
import dev.punctual.worker.http.TargetHttpClient;
import dev.punctual.worker.kafka.PrepareKafkaTarget;
import dev.punctual.worker.kafka.TopicCheck;
import dev.punctual.worker.kafka.TopicRules;
import dev.punctual.worker.secret.ResolveSecrets;
import dev.punctual.worker.secret.Secrets;
import dev.punctual.worker.trace.FireSpans;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.io.CloseMode;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.MDC;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.node.JsonNodeFactory;

@ExtendWith(OutputCaptureExtension.class)
class ExecuteFireTest {

  private static final Instant NOW = Instant.parse("2027-03-13T07:30:02.500Z");

  private final CloseableHttpClient client =
      TargetHttpClient.create(
          host -> {
            throw new RefusedDestinationException(
                DestinationCheck.Refusal.of("refused: " + host + " in tests"));
          },
          Duration.ofSeconds(1));
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final WorkerMetrics metrics = new WorkerMetrics(registry);
  private final CallHttpTarget http = new CallHttpTarget(client, Duration.ofSeconds(1), 64);

  /** The secrets the tests' worker knows, as environment variables. */
  private final Map<String, String> environment =
      Map.of(
          "PUNCTUAL_SECRET_KEY", "key-s3cr3t",
          "PUNCTUAL_SECRET_API_TOKEN", "tok-s3cr3t",
          "PUNCTUAL_SECRET_HOST", "hidden-s3cr3t.example.com",
          "PUNCTUAL_SECRET_MULTILINE", "line-s3cr3t\nsecond line");

  @AfterEach
  void closeClient() {
    client.close(CloseMode.IMMEDIATE);
  }

  @Test
  void aKafkaTargetWritesItsRecordBeforeASucceededResult() {
    var execute = executeFire((topic, size) -> Optional.empty());
    var target = KafkaTarget.of("orders", JsonNodeFactory.instance.stringNode("run"));
    var fire = Fires.aFire("nightly", target);

    var outputs = execute.execute(fire);

    assertThat(outputs)
        .extracting(ProducerRecord::topic)
        .containsExactly("orders", "scheduler.results");
    assertThat(outputs.getFirst().headers().lastHeader(RecordHeaders.FIRE_ID).value())
        .isEqualTo(fire.fireId().getBytes(StandardCharsets.UTF_8));
    var result = result(outputs.getLast());
    assertThat(new String(outputs.getLast().key(), StandardCharsets.UTF_8)).isEqualTo("nightly");
    assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.fireId()).isEqualTo(fire.fireId());
    assertThat(result.workerId()).isEqualTo("worker-1");
    assertThat(result.startedAt()).isEqualTo(NOW);
    assertThat(result.finishedAt()).isEqualTo(NOW);
    assertThat(result.detail().get("topic").asString()).isEqualTo("orders");
    assertThat(counter("kafka", "SUCCEEDED")).isEqualTo(1.0);
  }

  @Test
  void aKafkaTargetWhoseTopicIsMissingFailsWithoutARecord() {
    var execute = executeFire((topic, size) -> Optional.of("topic " + topic + " does not exist"));
    var target = KafkaTarget.of("nowhere", JsonNodeFactory.instance.stringNode("run"));

    var outputs = execute.execute(Fires.aFire("nightly", target));

    assertThat(outputs).extracting(ProducerRecord::topic).containsExactly("scheduler.results");
    var result = result(outputs.getFirst());
    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error()).isEqualTo("topic nowhere does not exist");
    assertThat(result.retryable()).as("the topic may be created meanwhile").isTrue();
    assertThat(counter("kafka", "FAILED")).isEqualTo(1.0);
  }

  @Test
  void aKafkaTargetOnAReservedTopicFailsForGoodWithoutTheTopicBeingCheckedOrWritten() {
    var checked = new AtomicReference<String>();
    var execute = executeFire(remembering(checked));
    var target = KafkaTarget.of("scheduler.fires", JsonNodeFactory.instance.objectNode());

    var outputs = execute.execute(Fires.aFire("forger", target));

    assertFailedForGood(
        outputs,
        "refused: topic scheduler.fires is one of Punctual's own topics (every topic starting"
            + " with 'scheduler.'); a Kafka target must write to another topic");
    assertThat(checked.get()).isNull();
  }

  @Test
  void aKafkaTargetOnATopicTheAllowedGlobsDoNotMatchFailsForGood() {
    var execute =
        executeFire(
            new TopicRules(Topics.DEFAULT.reserved(), List.of("orders.*", "audit-?")),
            (topic, size) -> Optional.empty());
    var payload = JsonNodeFactory.instance.nullNode();

    var refused =
        result(execute.execute(Fires.aFire("a", KafkaTarget.of("billing", payload))).getFirst());
    var allowed = execute.execute(Fires.aFire("b", KafkaTarget.of("orders.eu", payload)));

    assertThat(refused.retryable()).isFalse();
    assertThat(refused.error())
        .isEqualTo(
            "refused: topic billing matches none of punctual.worker.allowed-topics (orders.*,"
                + " audit-?); allow it there or write to an allowed topic");
    assertThat(allowed)
        .extracting(ProducerRecord::topic)
        .containsExactly("orders.eu", "scheduler.results");
  }

  @Test
  void aKafkaRecordLargerThanTheProducerMaySendFailsWithoutARecord() {
    var execute = executeFire((topic, size) -> Optional.empty());
    var target =
        KafkaTarget.of("orders", JsonNodeFactory.instance.stringNode("x".repeat(1_100_000)));

    var outputs = execute.execute(Fires.aFire("nightly", target));

    assertThat(outputs).extracting(ProducerRecord::topic).containsExactly("scheduler.results");
    assertThat(result(outputs.getFirst()).error())
        .startsWith("the record would be about 1100")
        .endsWith("more than the 1048576 bytes the worker's producer may send (max.request.size)");
  }

  @Test
  void anHttpTargetReportsTheCallsOutcomeAsTheResult() {
    var execute = executeFire((topic, size) -> Optional.empty());
    var target = HttpTarget.post("http://example.com/run");

    var outputs = execute.execute(Fires.aFire("nightly", target));

    var result = result(outputs.getFirst());
    assertThat(outputs).hasSize(1);
    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error()).isEqualTo("refused: example.com in tests");
    assertThat(result.retryable()).as("a refused destination is refused again").isFalse();
    assertThat(counter("http", "FAILED")).isEqualTo(1.0);
    assertThat(
            registry
                .get(WorkerMetrics.START_LATENESS)
                .timer()
                .totalTime(java.util.concurrent.TimeUnit.MILLISECONDS))
        .isEqualTo(2500.0);
  }

  @Test
  void anUnexpectedErrorBecomesAFailedResultInsteadOfBlockingThePartition() {
    var execute =
        executeFire(
            (topic, size) -> {
              throw new IllegalStateException("boom");
            });
    var target = KafkaTarget.of("orders", JsonNodeFactory.instance.stringNode("run"));

    var outputs = execute.execute(Fires.aFire("nightly", target));

    var result = result(outputs.getFirst());
    assertThat(outputs).hasSize(1);
    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error()).contains("internal error").doesNotContain("IllegalStateException");
    assertThat(result.retryable()).isTrue();
  }

  @Test
  void aKafkaTargetGetsItsSecretsWhileTheFireAndTheResultKeepThemOut() {
    var execute = executeFire((topic, size) -> Optional.empty());
    var target =
        new KafkaTarget(
            "orders",
            "{{secret.KEY}}",
            Map.of(
                "Authorization",
                "Bearer {{secret.api-token}}",
                "plain",
                "{{job.id}}-{{fire.attempt}}"),
            JsonNodeFactory.instance.stringNode("{\"token\":\"{{secret.api-token}}\"}"));
    var fire = Fires.aFire("nightly", target);

    var outputs = execute.execute(fire);

    assertThat(outputs)
        .extracting(ProducerRecord::topic)
        .containsExactly("orders", "scheduler.results");
    var written = outputs.getFirst();
    assertThat(text(written.key())).isEqualTo("key-s3cr3t");
    assertThat(text(written.headers().lastHeader("Authorization").value()))
        .isEqualTo("Bearer tok-s3cr3t");
    assertThat(text(written.headers().lastHeader("plain").value())).isEqualTo("nightly-1");
    assertThat(text(written.value())).isEqualTo("{\"token\":\"tok-s3cr3t\"}");
    assertThat(result(outputs.getLast()).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(text(outputs.getLast().value())).doesNotContain("s3cr3t");
    assertThat(fire.target()).isEqualTo(target);
  }

  @Test
  void anUnknownSecretFailsTheFireForGoodWithoutExecutingIt() {
    var checked = new AtomicReference<String>();
    var execute = executeFire(remembering(checked));
    var target =
        new KafkaTarget(
            "orders",
            "{{secret.KEY}}-{{secret.MISSING}}",
            Map.of(),
            JsonNodeFactory.instance.nullNode());

    var outputs = execute.execute(Fires.aFire("nightly", target));

    assertFailedForGood(
        outputs,
        "unknown secret MISSING: no file MISSING in the worker's secrets directory and no"
            + " environment variable PUNCTUAL_SECRET_MISSING");
    assertThat(checked.get()).isNull();
  }

  @Test
  void aSecretThatBreaksTheTargetFailsItWithoutShowingTheValue() {
    var execute = executeFire((topic, size) -> Optional.empty());
    var target =
        new HttpTarget(
            "POST",
            "https://api.example.com/run",
            Map.of("Authorization", "Bearer {{secret.multiline}}"),
            null,
            Duration.ofSeconds(1));

    var result = result(execute.execute(Fires.aFire("nightly", target)).getFirst());

    assertThat(result.retryable()).isFalse();
    assertThat(result.error())
        .isEqualTo(
            "the target is not valid once its placeholders are filled in"
                + " (headers.Authorization); check the parameters and the values of the secrets"
                + " multiline")
        .doesNotContain("s3cr3t");
  }

  @Test
  void anErrorThatQuotesASecretShowsItMasked() {
    var execute = executeFire((topic, size) -> Optional.empty());
    var target = HttpTarget.post("https://{{secret.HOST}}/run?token={{secret.api-token}}");

    var result = result(execute.execute(Fires.aFire("nightly", target)).getFirst());

    assertThat(result.error()).isEqualTo("refused: ****** in tests");
  }

  @Test
  void anUnexpectedErrorQuotingASecretIsLoggedMasked(CapturedOutput output) {
    var execute =
        executeFire(
            (topic, size) -> {
              throw new IllegalStateException("boom", new IllegalArgumentException("key-s3cr3t"));
            });
    var target =
        new KafkaTarget("orders", "{{secret.KEY}}", Map.of(), JsonNodeFactory.instance.nullNode());

    var result = result(execute.execute(Fires.aFire("nightly", target)).getFirst());

    assertThat(result.error()).contains("internal error");
    assertThat(output)
        .contains("Executing fire nightly@")
        .contains("java.lang.IllegalArgumentException: ******")
        .doesNotContain("key-s3cr3t");
  }

  @Test
  void theWorkOnAFireRunsWithItsJobAndFireIdInTheMdcAndClearsThemAfter() {
    var seen = new AtomicReference<Map<String, String>>();
    var execute =
        executeFire(
            (topic, size) -> {
              seen.set(MDC.getCopyOfContextMap());
              return Optional.empty();
            });
    var fire =
        Fires.aFire("nightly", KafkaTarget.of("orders", JsonNodeFactory.instance.nullNode()));

    execute.execute(fire);

    assertThat(seen.get())
        .containsEntry(LogContext.JOB_ID, "nightly")
        .containsEntry(LogContext.FIRE_ID, fire.fireId());
    assertThat(MDC.get(LogContext.JOB_ID)).isNull();
    assertThat(MDC.get(LogContext.FIRE_ID)).isNull();
  }

  @Test
  void measuresStartLatenessFromDueAtAndFromScheduledAtWithPercentileHistograms() {
    var execute = executeFire((topic, size) -> Optional.empty());
    var target = KafkaTarget.of("orders", JsonNodeFactory.instance.nullNode());
    // A retry due 10 s after its occurrence, started 2.5 s after it was due.
    var retry =
        JobFired.retry(
            Fires.aJob("nightly", target),
            "nightly@1",
            NOW.minusMillis(12_500),
            2,
            NOW.minusMillis(2_500),
            NOW.minusMillis(2_500),
            null);

    execute.execute(retry);

    var lateness = registry.get(WorkerMetrics.START_LATENESS).tag("trigger", "RETRY").timer();
    var fromScheduled =
        registry.get(WorkerMetrics.START_LATENESS_FROM_SCHEDULED).tag("trigger", "RETRY").timer();
    assertThat(lateness.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(2500.0);
    assertThat(fromScheduled.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(12_500.0);
  }

  @Test
  void publishesPercentileHistogramsForPrometheus() {
    var prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    var execute =
        new ExecuteFire(
            http,
            new PrepareKafkaTarget(
                TopicRules.anyButReserved(Topics.DEFAULT.reserved()),
                (topic, size) -> Optional.empty(),
                1024 * 1024),
            secrets(),
            Topics.DEFAULT.results(),
            "worker-1",
            Clock.fixed(NOW, ZoneOffset.UTC),
            new WorkerMetrics(prometheus),
            FireSpans.none());

    execute.execute(
        Fires.aFire("nightly", KafkaTarget.of("orders", JsonNodeFactory.instance.nullNode())));

    assertThat(prometheus.scrape())
        .contains("punctual_worker_execution_duration_seconds_bucket{")
        .contains("punctual_worker_start_lateness_seconds_bucket{")
        .contains("punctual_worker_start_lateness_from_scheduled_seconds_bucket{");
  }

  @Test
  void aRefusedFireIsReportedFailedWithoutExecutingIt() {
    var checked = new AtomicReference<String>();
    var execute = executeFire(remembering(checked));
    var fire =
        Fires.aFire("nightly", KafkaTarget.of("orders", JsonNodeFactory.instance.nullNode()));

    var outputs = execute.refused(fire, "Kafka refused the record for topic orders: too large");

    assertThat(checked.get()).isNull();
    assertThat(outputs).extracting(ProducerRecord::topic).containsExactly("scheduler.results");
    var result = result(outputs.getFirst());
    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error()).isEqualTo("Kafka refused the record for topic orders: too large");
    assertThat(counter("kafka", "FAILED")).isEqualTo(1.0);
  }

  /** Accepts every topic, remembering the last one it was asked about. */
  private static TopicCheck remembering(AtomicReference<String> checked) {
    return (topic, size) -> {
      checked.set(topic);
      return Optional.empty();
    };
  }

  private ExecuteFire executeFire(TopicCheck topics) {
    return executeFire(TopicRules.anyButReserved(Topics.DEFAULT.reserved()), topics);
  }

  private ExecuteFire executeFire(TopicRules rules, TopicCheck topics) {
    return new ExecuteFire(
        http,
        new PrepareKafkaTarget(rules, topics, 1024 * 1024),
        secrets(),
        Topics.DEFAULT.results(),
        "worker-1",
        Clock.fixed(NOW, ZoneOffset.UTC),
        metrics,
        FireSpans.none());
  }

  private ResolveSecrets secrets() {
    return new ResolveSecrets(new Secrets(null, environment::get));
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** {@code outputs} are a result alone, FAILED with {@code error}, not to be retried. */
  private static void assertFailedForGood(
      List<ProducerRecord<byte[], byte[]>> outputs, String error) {
    assertThat(outputs).extracting(ProducerRecord::topic).containsExactly("scheduler.results");
    var result = result(outputs.getFirst());
    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.retryable()).isFalse();
    assertThat(result.error()).isEqualTo(error);
  }

  private double counter(String target, String status) {
    return registry
        .get(WorkerMetrics.EXECUTIONS)
        .tag("target", target)
        .tag("status", status)
        .counter()
        .count();
  }

  private static ExecutionFinished result(ProducerRecord<byte[], byte[]> record) {
    return Topics.DEFAULT
        .results()
        .valueSerde()
        .deserializer()
        .deserialize(record.topic(), record.value());
  }
}
