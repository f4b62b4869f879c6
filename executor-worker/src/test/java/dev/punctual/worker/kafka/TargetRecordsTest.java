package dev.punctual.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.event.RecordHeaders;
import dev.punctual.model.job.KafkaTarget;
import dev.punctual.model.json.Json;
import dev.punctual.worker.Fires;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;

class TargetRecordsTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Test
  void aStringPayloadIsWrittenAsItsRawText() {
    assertThat(text(TargetRecords.value(NODES.stringNode("héllo \"world\""))))
        .isEqualTo("héllo \"world\"");
  }

  @Test
  void aNullPayloadWritesANullValue() {
    assertThat(TargetRecords.value(NullNode.getInstance())).isNull();
    assertThat(TargetRecords.value(NODES.missingNode())).isNull();
  }

  @Test
  void anyOtherPayloadIsWrittenAsJson() {
    assertThat(text(TargetRecords.value(NODES.objectNode().put("orderId", 42).put("ok", true))))
        .isEqualTo("{\"orderId\":42,\"ok\":true}");
    assertThat(text(TargetRecords.value(NODES.numberNode(42)))).isEqualTo("42");
    assertThat(text(TargetRecords.value(NODES.booleanNode(false)))).isEqualTo("false");
    assertThat(text(TargetRecords.value(NODES.arrayNode().add("a").add(1)))).isEqualTo("[\"a\",1]");
  }

  @Test
  void theRecordCarriesTopicKeyTargetHeadersAndTheFireHeaders() {
    var target =
        new KafkaTarget(
            "orders",
            "order-7",
            Map.of("source", "punctual", RecordHeaders.FIRE_ID, "spoofed"),
            Json.MAPPER.readTree("{\"run\":true}"));
    var fire = Fires.aFire("nightly", target);

    var record = TargetRecords.record(fire, target);

    assertThat(record.topic()).isEqualTo("orders");
    assertThat(text(record.key())).isEqualTo("order-7");
    assertThat(text(record.value())).isEqualTo("{\"run\":true}");
    assertThat(record.partition()).isNull();
    var headers =
        StreamSupport.stream(record.headers().spliterator(), false)
            .map(header -> header.key() + "=" + text(header.value()))
            .toList();
    assertThat(headers)
        .containsExactlyInAnyOrder(
            "source=punctual",
            RecordHeaders.FIRE_ID + "=" + fire.fireId(),
            RecordHeaders.JOB_ID + "=nightly",
            RecordHeaders.SCHEDULED_AT + "=2027-03-13T07:30:00Z");
  }

  @Test
  void aTargetWithoutKeyWritesARecordWithoutKey() {
    var target = KafkaTarget.of("orders", NODES.stringNode("run"));

    var record = TargetRecords.record(Fires.aFire("nightly", target), target);

    assertThat(record.key()).isNull();
    assertThat(text(record.value())).isEqualTo("run");
    assertThat(record.headers().toArray()).extracting(Header::key).hasSize(3);
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }
}
