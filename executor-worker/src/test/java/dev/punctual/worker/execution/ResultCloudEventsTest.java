package dev.punctual.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.event.CloudEventHeaders;
import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.RecordHeaders;
import dev.punctual.model.job.KafkaTarget;
import dev.punctual.model.topic.Topics;
import dev.punctual.worker.Fires;
import dev.punctual.worker.http.CallHttpTarget;
import dev.punctual.worker.http.DestinationCheck;
import dev.punctual.worker.http.TargetHttpClient;
import dev.punctual.worker.kafka.PrepareKafkaTarget;
import dev.punctual.worker.kafka.TopicRules;
import dev.punctual.worker.secret.ResolveSecrets;
import dev.punctual.worker.secret.Secrets;
import dev.punctual.worker.trace.FireSpans;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Every result a worker writes is a CloudEvent in binary mode, with the id of the attempt it
 * answers and the worker as source; the record a Kafka target writes is not (it is the user's).
 */
class ResultCloudEventsTest {

  private static final Instant NOW = Instant.parse("2027-03-13T07:30:02.500Z");

  private final ExecuteFire execute =
      new ExecuteFire(
          new CallHttpTarget(
              TargetHttpClient.create(DestinationCheck.ALLOW_ALL, Duration.ofSeconds(1)),
              Duration.ofSeconds(1),
              64),
          new PrepareKafkaTarget(
              TopicRules.anyButReserved(Topics.DEFAULT.reserved()),
              (topic, size) -> Optional.empty(),
              1024 * 1024),
          new ResolveSecrets(new Secrets(null, name -> null)),
          Topics.DEFAULT.results(),
          "worker-1",
          Clock.fixed(NOW, ZoneOffset.UTC),
          new WorkerMetrics(new SimpleMeterRegistry()),
          FireSpans.none());

  @Test
  void aResultCarriesTheCloudEventsHeadersOfItsAttempt() {
    var fire =
        Fires.aFire("nightly", KafkaTarget.of("orders", JsonNodeFactory.instance.stringNode("x")));

    var outputs = execute.execute(fire);

    var target = outputs.getFirst();
    assertThat(target.headers().lastHeader(CloudEventHeaders.TYPE)).isNull();
    assertThat(target.headers().lastHeader(RecordHeaders.FIRE_ID)).isNotNull();
    var record = outputs.getLast();
    var result = result(record);
    assertCloudEvent(record.headers(), result, fire.fireId() + "#" + fire.attempt());
  }

  @Test
  void aResultReportedWithoutExecutingIsACloudEventToo() {
    var fire =
        Fires.aFire("nightly", KafkaTarget.of("orders", JsonNodeFactory.instance.nullNode()));

    var record = execute.refused(fire, "Kafka refused the record").getFirst();

    assertCloudEvent(record.headers(), result(record), fire.fireId() + "#" + fire.attempt());
  }

  private static void assertCloudEvent(Headers headers, ExecutionFinished result, String id) {
    assertThat(text(headers, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
    assertThat(text(headers, CloudEventHeaders.ID)).isEqualTo(id);
    assertThat(text(headers, CloudEventHeaders.SOURCE)).isEqualTo("/punctual/worker/worker-1");
    assertThat(text(headers, CloudEventHeaders.TYPE)).isEqualTo("dev.punctual.execution.finished");
    assertThat(Instant.parse(text(headers, CloudEventHeaders.TIME)))
        .isEqualTo(result.finishedAt())
        .isEqualTo(NOW);
    assertThat(text(headers, CloudEventHeaders.SUBJECT)).isEqualTo("nightly");
    assertThat(text(headers, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
  }

  private static ExecutionFinished result(ProducerRecord<byte[], byte[]> record) {
    return Topics.DEFAULT
        .results()
        .valueSerde()
        .deserializer()
        .deserialize(record.topic(), record.value());
  }

  private static String text(Headers headers, String name) {
    var header = headers.lastHeader(name);
    assertThat(header).as("header %s", name).isNotNull();
    return new String(header.value(), StandardCharsets.UTF_8);
  }
}
