package dev.punctual.api.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.api.testing.ApiIntegrationTest;
import dev.punctual.api.testing.Jobs;
import dev.punctual.embedded.TopicReader;
import dev.punctual.model.event.JobCommand;
import dev.punctual.model.topic.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /jobs/{id}/backfill} (a BACKFILL command on the commands topic, or a 400 naming the
 * field) and {@code POST /jobs/{id}/trigger} with a parameter override.
 */
class BackfillIT extends ApiIntegrationTest {

  private TopicReader commands;
  private String id;

  @BeforeEach
  void setUp() {
    commands = new TopicReader(bootstrapServers(), Topics.DEFAULT.commands().name());
    id = "backfill-" + UUID.randomUUID();
    assertThat(api().post("/jobs", Jobs.definition(id, "\"cron\": \"0 * * * *\"")).status())
        .isEqualTo(201);
  }

  @AfterEach
  void tearDown() {
    commands.close();
  }

  @Test
  void aBackfillIsAcceptedAndPublishedAsACommand() {
    var accepted =
        api()
            .post(
                "/jobs/" + id + "/backfill",
                "{\"from\": \"2027-03-01T00:00:00Z\", \"to\": \"2027-03-01T10:00:00Z\"}",
                "Idempotency-Key",
                "fill-1");

    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
    assertThat(accepted.json().get("requestId").asString()).isEqualTo("fill-1");
    assertThat(onlyCommand())
        .isEqualTo(
            new JobCommand.Backfill(
                "fill-1",
                Instant.parse("2027-03-01T00:00:00Z"),
                Instant.parse("2027-03-01T10:00:00Z")));
  }

  @Test
  void aBackfillIsRefusedWithTheFieldAtFault() {
    var path = "/jobs/" + id + "/backfill";
    assertField(api().post(path, "{\"to\": \"2027-03-01T10:00:00Z\"}"), "from");
    assertField(api().post(path, "{\"from\": \"2027-03-01T00:00:00Z\"}"), "to");
    assertField(
        api().post(path, "{\"from\": \"yesterday\", \"to\": \"2027-03-01T10:00Z\"}"), "from");
    assertField(api().post(path, range("2027-03-01T10:00:00Z", "2027-03-01T10:00:00Z")), "to");
    assertField(api().post(path, range("2027-03-01T10:00:00Z", "2027-03-01T09:00:00Z")), "to");
    // No occurrence in [00:10, 00:50); 1,000 hourly occurrences fit, 1,001 do not.
    assertField(api().post(path, range("2027-03-01T00:10:00Z", "2027-03-01T00:50:00Z")), "to");
    var start = Instant.parse("2027-03-01T00:00:00Z");
    assertThat(api().post(path, range(start, start.plusSeconds(3600L * 1000))).status())
        .isEqualTo(202);
    assertField(api().post(path, range(start, start.plusSeconds(3600L * 1000 + 1))), "to");
    assertField(api().post(path, "{\"from\": 1, \"to\": 2}"), "from");
    assertField(api().post(path, "{\"from\": \"2027-03-01T00:00:00Z\", \"x\": 1}"), "x");
    assertField(api().post(path, "[]"), "body");
    assertField(api().post(path, "{"), "body");
    assertField(api().post(path), "body");
    assertThat(
            api()
                .post("/jobs/" + id + "-unknown/backfill", range(start, start.plusSeconds(7200)))
                .status())
        .isEqualTo(404);
  }

  @Test
  void generatedBackfillAndTriggerBodiesAreAnsweredWith202Or400NeverA500() {
    var random = new Random(1313);
    var parts =
        List.of(
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\"from\"",
            "\"to\"",
            "\"parameters\"",
            "null",
            "1e999",
            "\"2027-03-01T00:00:00Z\"",
            "\"2027-03-02T00:00:00Z\"",
            "\"+999999999-12-31T23:59:59Z\"",
            "{\"a\":1}",
            "\"\\u0000\"",
            "true",
            " ");
    for (int i = 0; i < 300; i++) {
      var body = new StringBuilder();
      int length = random.nextInt(12);
      for (int j = 0; j < length; j++) {
        body.append(parts.get(random.nextInt(parts.size())));
      }
      for (var action : List.of("backfill", "trigger")) {
        var answer = api().post("/jobs/" + id + "/" + action, body.toString());
        assertThat(answer.status()).as(action + " " + body).isIn(202, 400);
        if (answer.status() == 400) {
          assertThat(answer.contentType()).startsWith("application/problem+json");
          assertThat(answer.errorFields()).as(action + " " + body).hasSize(1);
        }
      }
    }
  }

  @Test
  void aTriggerWithParametersCarriesThemInTheCommandForThatFireOnly() {
    var accepted =
        api().post("/jobs/" + id + "/trigger", "{\"parameters\": {\"region\": \"us\", \"n\": 2}}");

    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
    var command = (JobCommand.TriggerNow) onlyCommand();
    assertThat(command.requestId()).isEqualTo(accepted.json().get("requestId").asString());
    assertThat(command.parameters()).isNotNull();
    assertThat(command.parameters().get("region").asString()).isEqualTo("us");
    assertThat(command.parameters().get("n").asInt()).isEqualTo(2);
    // The job's own parameters are unchanged.
    assertThat(api().get("/jobs/" + id).json().get("parameters").isEmpty()).isTrue();
  }

  @Test
  void aTriggerWithAnEmptyBodyKeepsTheJobsParametersAndABadOneIsRefused() {
    assertThat(api().post("/jobs/" + id + "/trigger", "{}").status()).isEqualTo(202);
    var command = (JobCommand.TriggerNow) onlyCommand();
    assertThat(command.parameters()).isNull();
    assertField(api().post("/jobs/" + id + "/trigger", "{\"parameters\": [1]}"), "parameters");
    assertField(api().post("/jobs/" + id + "/trigger", "{\"params\": {}}"), "params");
    assertField(api().post("/jobs/" + id + "/trigger", "\"x\""), "body");
  }

  private JobCommand onlyCommand() {
    var records = await().atMost(DEADLINE).until(() -> commands.recordsOf(id), r -> !r.isEmpty());
    assertThat(records).hasSize(1);
    return deserialize(records.getFirst());
  }

  private static JobCommand deserialize(ConsumerRecord<String, byte[]> record) {
    return Topics.DEFAULT.commands().valueSerde().deserializer().deserialize("t", record.value());
  }

  private static String range(Object from, Object to) {
    return "{\"from\": \"" + from + "\", \"to\": \"" + to + "\"}";
  }

  private static void assertField(dev.punctual.api.testing.ApiClient.Answer answer, String field) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.errorFields()).as(answer.toString()).containsExactly(field);
  }
}
