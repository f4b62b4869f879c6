package dev.punctual.api.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.api.outbox.Outbox;
import dev.punctual.api.testing.ApiIntegrationTest;
import dev.punctual.api.testing.Jobs;
import dev.punctual.embedded.TopicReader;
import dev.punctual.model.event.JobCommand;
import dev.punctual.model.topic.Topics;
import java.util.List;
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
    assertThat(commandsUpTo("run-43"))
        .extracting(JobCommand::requestId)
        .containsExactly("run-42", "run-43");
    assertThat(api().post("/jobs/" + id + "/trigger", "", "Idempotency-Key", "a b").status())
        .isEqualTo(400);
  }

  @Test
  void theSameIdempotencyKeyWithAnotherBodyIsRefusedAndWritesNoCommand() {
    var trigger = "/jobs/" + id + "/trigger";
    var eu = "{\"parameters\":{\"region\":\"eu\",\"size\":2}}";
    var first = api().post(trigger, eu, "Idempotency-Key", "run-eu");
    // the same parameters in another order are the same request
    var retry =
        api()
            .post(
                trigger,
                "{\"parameters\":{\"size\":2,\"region\":\"eu\"}}",
                "Idempotency-Key",
                "run-eu");
    var otherParameters =
        api().post(trigger, "{\"parameters\":{\"region\":\"us\"}}", "Idempotency-Key", "run-eu");
    var backfill =
        api()
            .post(
                "/jobs/" + id + "/backfill",
                "{\"from\":\"2027-03-01T00:00:00Z\",\"to\":\"2027-03-01T10:00:00Z\"}",
                "Idempotency-Key",
                "run-eu");
    var next = api().post(trigger, "", "Idempotency-Key", "run-next");

    assertThat(first.status()).isEqualTo(202);
    assertThat(retry.status()).isEqualTo(202);
    for (var refused : List.of(otherParameters, backfill)) {
      assertThat(refused.status()).as(refused.body()).isEqualTo(422);
      assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
      assertThat(refused.body()).contains("Idempotency-Key", "run-eu");
    }
    // once run-next's command is there, any second command of run-eu would be too
    var records = commandsUpTo("run-next");
    assertThat(records).extracting(JobCommand::requestId).containsExactly("run-eu", "run-next");
    assertThat(((JobCommand.TriggerNow) records.getFirst()).parameters().get("region").asString())
        .isEqualTo("eu");
  }

  @Test
  void aPausedJobCanBeTriggeredAndAnUnknownOneCannot() {
    api().post("/jobs/" + id + "/pause");

    assertThat(api().post("/jobs/" + id + "/trigger").status()).isEqualTo(202);
    var unknown = api().post("/jobs/" + id + "-unknown/trigger");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.contentType()).startsWith("application/problem+json");
  }

  /**
   * The job's commands on the topic once the one of {@code requestId} is there: the commands of one
   * job keep their order, so any earlier command that would be there is there too.
   */
  private List<JobCommand> commandsUpTo(String requestId) {
    var deserializer = Topics.DEFAULT.commands().valueSerde().deserializer();
    return await()
        .atMost(DEADLINE)
        .until(
            () ->
                commands.recordsOf(id).stream()
                    .map(r -> deserializer.deserialize("t", r.value()))
                    .toList(),
            sent -> sent.stream().anyMatch(c -> c.requestId().equals(requestId)));
  }
}
