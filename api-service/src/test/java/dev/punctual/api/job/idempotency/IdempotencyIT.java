package dev.punctual.api.job.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.api.testing.ApiClient.Answer;
import dev.punctual.api.testing.ApiIntegrationTest;
import dev.punctual.api.testing.Jobs;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** POST /jobs with an Idempotency-Key: a create without id is safe to retry. */
class IdempotencyIT extends ApiIntegrationTest {

  private final String key = "key-" + UUID.randomUUID();
  private final String body = Jobs.withoutId("idempotent", "\"every\": \"PT1M\"");

  @Test
  void aRetryWithTheSameKeyAndBodyAnswersTheSameJob() {
    var first = create(key, body);
    var retry = create(key, body);

    assertThat(first.status()).isEqualTo(201);
    assertThat(retry.status()).isEqualTo(200);
    assertThat(retry.json().get("id")).isEqualTo(first.json().get("id"));
    assertThat(retry.json().get("version").asLong()).isEqualTo(1);
    assertThat(retry.header("ETag")).isEqualTo(first.header("ETag")).startsWith("\"1-");
    assertThat(jobsNamed("idempotent", first)).isEqualTo(1);
  }

  @Test
  void theSameKeyWithAnotherBodyIsRefusedWith422() {
    assertThat(create(key, body).status()).isEqualTo(201);

    var other = create(key, Jobs.withoutId("idempotent", "\"every\": \"PT2M\""));

    assertThat(other.status()).isEqualTo(422);
    assertThat(other.contentType()).startsWith("application/problem+json");
    assertThat(other.errorFields()).containsExactly("Idempotency-Key");
    assertThat(other.json().get("detail").asString()).contains(key);
  }

  @Test
  void concurrentRequestsWithTheSameKeyCreateOneJob() throws Exception {
    var start = new CountDownLatch(1);
    var answers = new ArrayList<Future<Answer>>();
    try (var pool = Executors.newFixedThreadPool(4)) {
      for (int i = 0; i < 4; i++) {
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return create(key, body);
                }));
      }
      start.countDown();
    }

    var ids = new ArrayList<String>();
    var statuses = new ArrayList<Integer>();
    for (var answer : answers) {
      statuses.add(answer.get().status());
      ids.add(answer.get().json().get("id").asString());
    }
    assertThat(statuses).containsOnly(201, 200).filteredOn(s -> s == 201).hasSize(1);
    assertThat(ids).containsOnly(ids.getFirst());
  }

  @Test
  void aKeyIsForgottenAfterItsRetention() {
    var first = create(key, body);
    jdbc.sql("UPDATE idempotency_keys SET created_at = :old WHERE key = :key")
        .param("old", OffsetDateTime.now(ZoneOffset.UTC).minus(Duration.ofHours(25)))
        .param("key", key)
        .update();

    var later = create(key, body);

    assertThat(later.status()).isEqualTo(201);
    assertThat(later.json().get("id")).isNotEqualTo(first.json().get("id"));
  }

  @Test
  void aRetryAfterTheJobWasDeletedIsAConflict() {
    var first = create(key, body);
    api().delete("/jobs/" + first.json().get("id").asString());

    var retry = create(key, body);

    assertThat(retry.status()).isEqualTo(409);
    assertThat(retry.json().get("detail").asString()).contains("deleted");
  }

  @Test
  void aMalformedKeyIsABadRequest() {
    var answer = create("has spaces", body);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.errorFields()).containsExactly("Idempotency-Key");
  }

  private Answer create(String idempotencyKey, String json) {
    return api().post("/jobs", json, "Idempotency-Key", idempotencyKey);
  }

  private long jobsNamed(String name, Answer created) {
    return jdbc.sql("SELECT count(*) FROM jobs WHERE name = :name AND id = :id")
        .param("name", name)
        .param("id", created.json().get("id").asString())
        .query(Long.class)
        .single();
  }
}
