package dev.punctual.api.security;

import static dev.punctual.api.testing.SecuredApi.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.api.testing.ApiClient;
import dev.punctual.api.testing.Jobs;
import dev.punctual.api.testing.Records;
import dev.punctual.api.testing.SecuredApi;
import dev.punctual.api.testing.TestIssuer;
import dev.punctual.api.testing.TestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A credential bound to a namespace sees and changes only that namespace's jobs: every other job
 * answers 404 exactly like an unknown one, lists hold only its own, and it creates jobs only there.
 */
class NamespaceIT {

  private static final String SCHEDULE = "\"every\": \"PT1H\"";
  private static final String[] ALL_SCOPES = {"jobs:read", "jobs:write", "jobs:trigger"};

  private static SecuredApi secured;
  private static TestIssuer issuer;
  private static ApiClient api;
  private static String keyA;
  private static String keyB;

  @BeforeAll
  static void start() {
    secured = SecuredApi.start("namespaces");
    issuer = secured.issuer();
    api = secured.api();
    keyA = SecuredApi.issueKey(api, "team-a", ALL_SCOPES);
    keyB = SecuredApi.issueKey(api, "team-b", ALL_SCOPES);
  }

  @AfterAll
  static void stop() {
    if (secured != null) {
      secured.close();
    }
  }

  @Test
  void anotherNamespacesJobAnswersEveryJobEndpointLikeAnUnknownOne() {
    var id = unique("b-job");
    assertThat(api.post("/jobs", Jobs.definition(id, SCHEDULE), bearer(keyB)).status())
        .isEqualTo(201);
    var unknown = unique("nobody");
    var unknownAnswer = api.get("/jobs/" + unknown, bearer(keyA));
    assertThat(unknownAnswer.status()).isEqualTo(404);
    var unknownDetail = unknownAnswer.json().get("detail").asString().replace(unknown, id);

    var failures = new ArrayList<String>();
    for (var call : jobCalls()) {
      var answer = call.send(id, keyA);
      if (answer.status() != 404 || !answer.json().get("detail").asString().equals(unknownDetail)) {
        failures.add(call.name() + ": " + answer);
      }
    }

    assertThat(failures).isEmpty();
    // The job is untouched and still B's.
    var job = api.get("/jobs/" + id, bearer(keyB));
    assertThat(job.status()).isEqualTo(200);
    assertThat(job.json().get("namespace").asString()).isEqualTo("team-b");
    assertThat(job.json().get("version").asLong()).isEqualTo(1);
  }

  @Test
  void aFireOfAnotherNamespacesJobIsNotFound() {
    var id = unique("b-fire");
    assertThat(api.post("/jobs", Jobs.definition(id, SCHEDULE), bearer(keyB)).status())
        .isEqualTo(201);
    var fireId = id + "@1804899600000";
    try (var records = new Records(TestServers.kafka().bootstrapServers())) {
      records.sendText(
          "namespaces.fires",
          id,
          """
          {"fireId": "%s", "jobId": "%s", "scheduledAt": "2027-03-13T01:00:00Z",
           "dueAt": "2027-03-13T01:00:00Z", "firedAt": "2027-03-13T01:00:00.005Z", "attempt": 1,
           "trigger": "SCHEDULE", "missed": 0,
           "target": {"type": "http", "method": "POST", "url": "https://example.com/run"},
           "parameters": {}}
          """
              .formatted(fireId, id));
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> api.get("/executions/" + fireId, bearer(keyB)).status() == 200);

    assertThat(api.get("/executions/" + fireId, bearer(keyA)).status()).isEqualTo(404);
  }

  @Test
  void aKeyCreatesOnlyInItsNamespaceAndListsOnlyItsJobs() {
    var own = unique("a-own");
    var explicit = unique("a-explicit");
    var other = unique("a-other");
    var inB = unique("b-listed");

    var created = api.post("/jobs", Jobs.definition(own, SCHEDULE), bearer(keyA));
    var named =
        api.post(
            "/jobs", withNamespace(Jobs.definition(explicit, SCHEDULE), "team-a"), bearer(keyA));
    var refused =
        api.post("/jobs", withNamespace(Jobs.definition(other, SCHEDULE), "team-b"), bearer(keyA));
    var refusedInBatch =
        api.post(
            "/jobs/batch",
            "{\"jobs\": [" + withNamespace(Jobs.definition(other, SCHEDULE), "team-b") + "]}",
            bearer(keyA));
    api.post("/jobs", Jobs.definition(inB, SCHEDULE), bearer(keyB));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("namespace").asString()).isEqualTo("team-a");
    assertThat(named.status()).isEqualTo(201);
    for (var answer : List.of(refused, refusedInBatch)) {
      assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
      assertThat(answer.contentType()).startsWith("application/problem+json");
      assertThat(answer.json().get("detail").asString()).contains("'team-b'");
    }
    assertThat(api.get("/jobs/" + other, bearer(SecuredApi.BOOTSTRAP_KEY)).status()).isEqualTo(404);

    var listed = ids(api.get("/jobs?limit=500", bearer(keyA)));
    assertThat(listed).contains(own, explicit).doesNotContain(inB);
    assertThat(ids(api.get("/jobs?limit=500&namespace=team-b", bearer(keyA)))).isEmpty();
    assertThat(ids(api.get("/jobs?limit=500&namespace=team-b", bearer(SecuredApi.BOOTSTRAP_KEY))))
        .contains(inB)
        .doesNotContain(own);
  }

  @Test
  void anIdTakenInAnotherNamespaceIsAConflictThatShowsNothingOfTheOtherJob() {
    var id = unique("taken");
    assertThat(api.post("/jobs", Jobs.named(id, "secret plan", SCHEDULE), bearer(keyB)).status())
        .isEqualTo(201);

    var answer = api.post("/jobs", Jobs.named(id, "mine", SCHEDULE), bearer(keyA));

    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.body()).doesNotContain("secret plan").doesNotContain("team-b");
  }

  @Test
  void aJobProducedOntoTheTopicKeepsItsNamespace() {
    var id = unique("topic-b");
    try (var records = new Records(TestServers.kafka().bootstrapServers())) {
      records.sendText(
          "namespaces.jobs", id, withNamespace(Jobs.definition(id, SCHEDULE), "team-b"));
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> api.get("/jobs/" + id, bearer(keyB)).status() == 200);
    assertThat(api.get("/jobs/" + id, bearer(keyA)).status()).isEqualTo(404);
    assertThat(ids(api.get("/jobs?limit=500", bearer(keyB)))).contains(id);
    assertThat(ids(api.get("/jobs?limit=500", bearer(keyA)))).doesNotContain(id);
  }

  @Test
  void aJwtWithANamespaceClaimIsBoundToThatNamespace() {
    var id = unique("jwt-b");
    assertThat(api.post("/jobs", Jobs.definition(id, SCHEDULE), bearer(keyB)).status())
        .isEqualTo(201);
    var token = issuer.token("carol", "jobs:read jobs:write", "team-a");

    assertThat(api.get("/jobs/" + id, bearer(token)).status()).isEqualTo(404);
    var created = api.post("/jobs", Jobs.definition(unique("jwt-a"), SCHEDULE), bearer(token));
    assertThat(created.json().get("namespace").asString()).isEqualTo("team-a");
  }

  /** One job endpoint, called for a job id with a key. */
  private record JobCall(
      String name, java.util.function.BiFunction<String, String, ApiClient.Answer> call) {
    ApiClient.Answer send(String id, String key) {
      return call.apply(id, key);
    }
  }

  private static List<JobCall> jobCalls() {
    return List.of(
        new JobCall("GET", (id, key) -> api.get("/jobs/" + id, bearer(key))),
        new JobCall(
            "PUT",
            (id, key) -> api.put("/jobs/" + id, Jobs.named(id, "changed", SCHEDULE), bearer(key))),
        new JobCall("DELETE", (id, key) -> api.delete("/jobs/" + id, bearer(key))),
        new JobCall(
            "pause", (id, key) -> api.send("POST", "/jobs/" + id + "/pause", null, bearer(key))),
        new JobCall(
            "resume", (id, key) -> api.send("POST", "/jobs/" + id + "/resume", null, bearer(key))),
        new JobCall(
            "trigger",
            (id, key) -> api.send("POST", "/jobs/" + id + "/trigger", null, bearer(key))),
        new JobCall("executions", (id, key) -> api.get("/jobs/" + id + "/executions", bearer(key))),
        new JobCall("next-runs", (id, key) -> api.get("/jobs/" + id + "/next-runs", bearer(key))));
  }

  private static String withNamespace(String definition, String namespace) {
    return definition.replaceFirst("\\{", "{\"namespace\": \"" + namespace + "\",");
  }

  private static List<String> ids(ApiClient.Answer page) {
    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    var ids = new ArrayList<String>();
    page.json().get("items").forEach(item -> ids.add(item.get("id").asString()));
    return ids;
  }

  private static String unique(String prefix) {
    return prefix + "-" + System.nanoTime();
  }
}
