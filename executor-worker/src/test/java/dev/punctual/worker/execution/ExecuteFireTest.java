package dev.punctual.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.ExecutionStatus;
import dev.punctual.model.event.RecordHeaders;
import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.job.KafkaTarget;
import dev.punctual.model.topic.Topics;
import dev.punctual.worker.Fires;
import dev.punctual.worker.http.CallHttpTarget;
import dev.punctual.worker.kafka.PrepareKafkaTarget;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class ExecuteFireTest {

  private static final Instant NOW = Instant.parse("2027-03-13T07:30:02.500Z");

  private final HttpClient client = HttpClient.newHttpClient();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final WorkerMetrics metrics = new WorkerMetrics(registry);
  private final CallHttpTarget http =
      new CallHttpTarget(
          client, uri -> Optional.of("not allowed in this test"), Duration.ofSeconds(1), 64);

  @AfterEach
  void closeClient() {
    client.close();
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
    assertThat(counter("kafka", "FAILED")).isEqualTo(1.0);
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
    assertThat(result.error()).isEqualTo("not allowed in this test");
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
  }

  private ExecuteFire executeFire(dev.punctual.worker.kafka.TopicCheck topics) {
    return new ExecuteFire(
        http,
        new PrepareKafkaTarget(topics, 1024 * 1024),
        Topics.DEFAULT.results(),
        "worker-1",
        Clock.fixed(NOW, ZoneOffset.UTC),
        metrics);
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
