package dev.punctual.api.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.punctual.api.testing.ApiIntegrationTest;
import dev.punctual.embedded.TopicReader;
import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.json.JobDefinitionCodec;
import dev.punctual.model.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Credential headers of a target are masked in every answer and never logged, a write that sends
 * the mask back keeps the stored value, and PostgreSQL and the jobs topic keep the real value.
 */
class MaskingIT extends ApiIntegrationTest {

  private static final String MASK = "******";

  private final String secret = "Bearer s3cr3t-" + UUID.randomUUID();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private final Logger ours = (Logger) LoggerFactory.getLogger("dev.punctual");
  private Level oursBefore;

  @BeforeEach
  void captureLogs() {
    oursBefore = ours.getLevel();
    ours.setLevel(Level.DEBUG);
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    root.detachAppender(logs);
    ours.setLevel(oursBefore);
  }

  private String job(String id, String name, String authorization) {
    return """
        {"id":"%s","name":"%s","schedule":{"every":"PT1M"},
         "target":{"type":"http","method":"POST","url":"https://example.com/run",
                   "headers":{"Authorization":"%s","X-Trace":"visible"}}}
        """
        .formatted(id, name, authorization);
  }

  @Test
  void everyAnswerMasksTheCredentialAndAPutOfTheMaskKeepsIt() {
    var id = "masked-" + UUID.randomUUID();
    var api = api();
    // when a job is created with an inline credential
    var created = api.post("/jobs", job(id, "masked", secret));
    assertThat(created.status()).isEqualTo(201);

    // then no answer shows it
    var listed = api.get("/jobs?name=masked&limit=500");
    var put = api.put("/jobs/" + id, job(id, "renamed", MASK));
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    var batch = api.post("/jobs/batch", "{\"jobs\":[" + job(id, "renamed", MASK) + "]}");
    assertThat(batch.status()).isEqualTo(200);
    assertThat(batch.json().get("items").get(0).get("status").asInt()).isEqualTo(200);
    for (var answer : java.util.List.of(created, api.get("/jobs/" + id), listed, put, batch)) {
      assertThat(answer.body()).doesNotContain(secret).doesNotContain("s3cr3t");
    }
    assertThat(headers(created.json())).isEqualTo(expectedHeaders());
    assertThat(headers(put.json())).isEqualTo(expectedHeaders());
    assertThat(headers(api.get("/jobs/" + id).json())).isEqualTo(expectedHeaders());
    JsonNode inList = null;
    for (var item : listed.json().get("items")) {
      if (item.get("id").asString().equals(id)) {
        inList = item;
      }
    }
    assertThat(inList).isNotNull();
    assertThat(headers(inList)).isEqualTo(expectedHeaders());

    // and the PUT of the mask kept the value: PostgreSQL and the topic hold it, renamed
    assertThat(put.json().get("name").asString()).isEqualTo("renamed");
    assertThat(put.json().get("version").asLong()).isEqualTo(2);
    var stored =
        jdbc.sql("SELECT definition::text FROM jobs WHERE id = :id")
            .param("id", id)
            .query(String.class)
            .single();
    assertThat(stored).contains(secret);
    try (var topic = new TopicReader(bootstrapServers(), Topics.DEFAULT.jobs().name())) {
      await()
          .atMost(DEADLINE)
          .until(
              () -> {
                topic.poll();
                var records = topic.recordsOf(id);
                if (records.isEmpty()) {
                  return false;
                }
                var last =
                    JobDefinitionCodec.parse(
                        new String(records.getLast().value(), StandardCharsets.UTF_8)
                            .getBytes(StandardCharsets.UTF_8),
                        id);
                return "renamed".equals(last.name())
                    && secret.equals(((HttpTarget) last.target()).headers().get("Authorization"));
              });
    }

    // and no log line of the API holds it
    assertThat(logs.list).isNotEmpty();
    assertThat(logs.list)
        .noneMatch(
            e ->
                e.getFormattedMessage().contains("s3cr3t")
                    || (e.getThrowableProxy() != null
                        && e.getThrowableProxy().getMessage() != null
                        && e.getThrowableProxy().getMessage().contains("s3cr3t")));
  }

  @Test
  void theMaskForAHeaderWithoutStoredValueIsAFieldError() {
    var id = "masked-new-" + UUID.randomUUID();

    var create = api().post("/jobs", job(id, "masked", MASK));
    var put = api().put("/jobs/" + id, job(id, "masked", MASK));

    for (var answer : java.util.List.of(create, put)) {
      assertThat(answer.status()).as(answer.body()).isEqualTo(400);
      assertThat(answer.contentType()).startsWith("application/problem+json");
      assertThat(answer.errorFields()).containsExactly("target.headers.Authorization");
    }
    assertThat(api().get("/jobs/" + id).status()).isEqualTo(404);
  }

  @Test
  void kafkaTargetHeadersAreMaskedCaseInsensitivelyAndSecretReferencesShown() {
    var id = "masked-kafka-" + UUID.randomUUID();
    var body =
        """
        {"id":"%s","schedule":{"every":"PT1M"},
         "target":{"type":"kafka","topic":"orders","payload":{},
                   "headers":{"x-api-key":"%s","cookie":"{{secret.SESSION}}"}}}
        """
            .formatted(id, secret);

    var created = api().post("/jobs", body);

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    var headers = created.json().get("target").get("headers");
    assertThat(headers.get("x-api-key").asString()).isEqualTo(MASK);
    assertThat(headers.get("cookie").asString()).isEqualTo("{{secret.SESSION}}");
    assertThat(created.body()).doesNotContain("s3cr3t");
  }

  private static JsonNode headers(JsonNode job) {
    return job.get("target").get("headers");
  }

  private static JsonNode expectedHeaders() {
    return dev.punctual.model.json.Json.MAPPER.readTree(
        "{\"Authorization\":\"" + MASK + "\",\"X-Trace\":\"visible\"}");
  }
}
