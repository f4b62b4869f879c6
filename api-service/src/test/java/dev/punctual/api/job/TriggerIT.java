package dev.punctual.api.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.api.outbox.Outbox;
import dev.punctual.api.testing.ApiIntegrationTest;
import dev.punctual.api.testing.Jobs;
import dev.punctual.embedded.TopicReader;
import dev.punctual.model.event.JobCommand;
import dev.punctual.model.topic.Topics;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /jobs/{id}/trigger: a TRIGGER command on the commands topic, keyed by the job id. */
class TriggerIT extends ApiIntegrationTest {

  private TopicReader commands;
  private String id;

  @BeforeEach
  void setUp() {
    commands = new TopicReader(bootstrapServers(), Topics.DEFAULT.commands().name());
    id = "trigger-" + UUID.randomUUID();
    assertThat(api().post("/jobs", Jobs.definition(id, "\"every\": \"PT1H\"")).status())
        .isEqualTo(201);
  }

  @AfterEach
  void tearDown() {
    commands.close();
  }

  @Test
  void aTriggerIsAcceptedAndPublishedAsACommandForTheScheduler() {
    var accepted = api().post("/jobs/" + id + "/trigger");

    assertThat(accepted.status()).isEqualTo(202);
    var requestId = accepted.json().get("requestId").asString();
    assertThat(requestId).isNotBlank();
    var records = await().atMost(DEADLINE).until(() -> commands.recordsOf(id), r -> !r.isEmpty());
    assertThat(records).hasSize(1);
    var command =
        Topics.DEFAULT
            .commands()
            .valueSerde()
            .deserializer()
            .deserialize("t", records.getFirst().value());
    assertThat(command).isEqualTo(new JobCommand.TriggerNow(requestId));
    assertThat(new String(records.getFirst().value())).contains("\"type\":\"TRIGGER\"");
    assertThat(Outbox.publishedByApi(records.getFirst().headers())).isTrue();
  }

  @Test
  void anIdempotencyKeyIsTheRequestIdSoARetryHasTheSameFireIdAndNoSecondCommand() {
    var first = api().post("/jobs/" + id + "/trigger", "", "Idempotency-Key", "run-42");
    var retry = api().post("/jobs/" + id + "/trigger", "", "Idempotency-Key", "run-42");
    var next = api().post("/jobs/" + id + "/trigger", "", "Idempotency-Key", "run-43");

    assertThat(first.json().get("requestId").asString()).isEqualTo("run-42");
    assertThat(retry.status()).isEqualTo(202);
    assertThat(retry.json().get("requestId").asString()).isEqualTo("run-42");
    assertThat(next.json().get("requestId").asString()).isEqualTo("run-43");
    // the commands of one job keep their order: once run-43's is there, a second run-42 would be
    // too
    var deserializer = Topics.DEFAULT.commands().valueSerde().deserializer();
    var records =
        await()
            .atMost(DEADLINE)
            .until(
                () ->
                    commands.recordsOf(id).stream()
                        .map(r -> deserializer.deserialize("t", r.value()).requestId())
                        .toList(),
                ids -> ids.contains("run-43"));
    assertThat(records).containsExactly("run-42", "run-43");
    assertThat(api().post("/jobs/" + id + "/trigger", "", "Idempotency-Key", "a b").status())
        .isEqualTo(400);
  }

  @Test
  void aPausedJobCanBeTriggeredAndAnUnknownOneCannot() {
    api().post("/jobs/" + id + "/pause");

    assertThat(api().post("/jobs/" + id + "/trigger").status()).isEqualTo(202);
    var unknown = api().post("/jobs/" + id + "-unknown/trigger");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.contentType()).startsWith("application/problem+json");
  }
}
