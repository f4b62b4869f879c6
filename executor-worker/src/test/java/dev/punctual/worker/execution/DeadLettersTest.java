package dev.punctual.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.event.RecordHeaders;
import dev.punctual.model.topic.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

  private final DeadLetters deadLetters = new DeadLetters("scheduler.dead-letter");

  @Test
  void keepsTheOriginalBytesAndHeadersAndSaysWhereTheRecordCameFrom() {
    var source = new ConsumerRecord<>("scheduler.fires", 2, 41L, bytes("job-1"), bytes("{oops"));
    source.headers().add("trace", bytes("abc"));

    var record = deadLetters.of(source, "not a valid fire event: broken");

    assertThat(record.topic()).isEqualTo("scheduler.dead-letter");
    assertThat(record.key()).isEqualTo(bytes("job-1"));
    assertThat(record.value()).isEqualTo(bytes("{oops"));
    assertThat(header(record.headers(), "trace")).isEqualTo("abc");
    assertThat(header(record.headers(), RecordHeaders.ERROR))
        .isEqualTo("not a valid fire event: broken");
    assertThat(header(record.headers(), RecordHeaders.SOURCE_TOPIC)).isEqualTo("scheduler.fires");
    assertThat(header(record.headers(), RecordHeaders.SOURCE_PARTITION)).isEqualTo("2");
    assertThat(header(record.headers(), RecordHeaders.SOURCE_OFFSET)).isEqualTo("41");
  }

  @Test
  void explainsUnreadableJsonWithoutClassNames() {
    var reason = reasonFor("{not json");

    assertThat(reason).startsWith("not a valid fire event: ").doesNotContain("dev.punctual");
  }

  @Test
  void namesTheFieldThatFailedValidation() {
    var reason = reasonFor(fireJson("\"url\":\"ftp://example.com\"", ""));

    assertThat(reason)
        .startsWith("not a valid fire event: at target: ")
        .contains("'ftp://example.com' must be an absolute http:// or https:// URL")
        .doesNotContain("dev.punctual");
  }

  @Test
  void namesAMissingField() {
    var reason = reasonFor("{\"fireId\":\"j@1\"}");

    assertThat(reason).isEqualTo("not a valid fire event: jobId is required");
  }

  @Test
  void namesAnUnknownProperty() {
    var reason = reasonFor(fireJson("\"url\":\"http://example.com\"", ",\"colour\":\"red\""));

    assertThat(reason).contains("at colour: is not a known field").doesNotContain("dev.punctual");
  }

  @Test
  void theFireJsonOfTheseTestsIsValidApartFromWhatEachTestChanges() {
    var fire =
        Topics.DEFAULT
            .fires()
            .valueSerde()
            .deserializer()
            .deserialize("scheduler.fires", bytes(fireJson("\"url\":\"http://example.com\"", "")));

    assertThat(fire.jobId()).isEqualTo("j");
  }

  private static String fireJson(String urlField, String extraFields) {
    return "{\"fireId\":\"j@1\",\"jobId\":\"j\",\"scheduledAt\":\"2027-01-01T00:00:00Z\","
        + "\"dueAt\":\"2027-01-01T00:00:00Z\",\"firedAt\":\"2027-01-01T00:00:00Z\","
        + "\"attempt\":1,\"trigger\":\"SCHEDULE\",\"missed\":0,"
        + "\"target\":{\"type\":\"http\","
        + urlField
        + "},\"parameters\":{}"
        + extraFields
        + "}";
  }

  private static String reasonFor(String json) {
    try {
      Topics.DEFAULT
          .fires()
          .valueSerde()
          .deserializer()
          .deserialize("scheduler.fires", bytes(json));
    } catch (RuntimeException e) {
      return DeadLetters.reason(e);
    }
    throw new AssertionError("expected " + json + " to be unreadable");
  }

  private static String header(org.apache.kafka.common.header.Headers headers, String name) {
    return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
