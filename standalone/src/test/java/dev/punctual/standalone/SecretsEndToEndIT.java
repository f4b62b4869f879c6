package dev.punctual.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A secret referenced as {@code {{secret.NAME}}} reaches the target it is meant for and nothing
 * else: not PostgreSQL, not any record of any topic, not a log line, not an API answer. The whole
 * system runs, with the worker reading secrets from a directory this test writes to.
 */
class SecretsEndToEndIT {

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  private static PunctualSystem system;
  private static TargetServer target;
  private final String id = "secret-" + UUID.randomUUID();

  @BeforeAll
  static void start() {
    system = SharedSystem.get();
    target = SharedSystem.target();
  }

  @Test
  void aSecretReachesItsTargetAndIsFoundNowhereElse() throws Exception {
    // given a random secret in the worker's secrets directory
    var secret = randomHex(24);
    Files.writeString(SharedSystem.secretsDir().resolve("TOKEN"), secret + "\n");
    var path = "/hook/" + id;
    var job =
        """
        {"id":"%s","schedule":{"every":"PT1S","maxRuns":1},
         "target":{"type":"http","method":"POST","url":"%s",
                   "headers":{"Authorization":"Bearer {{secret.TOKEN}}"}}}
        """
            .formatted(id, target.url(path));

    // when the job runs
    assertThat(ApiCalls.send(system, "POST", "/jobs", job).statusCode()).isEqualTo(201);

    // then the target receives the value
    var call =
        await()
            .atMost(DEADLINE)
            .until(() -> target.callsTo(path), calls -> !calls.isEmpty())
            .get(0);
    assertThat(call.authorization()).isEqualTo("Bearer " + secret);
    var fireId = call.idempotencyKey();
    await()
        .atMost(DEADLINE)
        .until(
            () -> get("/executions/" + fireId),
            r -> r.statusCode() == 200 && r.body().contains("SUCCEEDED"));

    // and nothing else holds it
    assertThat(apiAnswers(fireId))
        .allSatisfy(
            answer -> {
              assertThat(answer.statusCode()).as(answer.uri().toString()).isEqualTo(200);
              assertThat(answer.body()).contains(id).doesNotContain(secret);
            });
    assertThat(get("/jobs/" + id).body()).contains("Bearer {{secret.TOKEN}}");
    assertNotInDatabase(secret);
    assertNotInAnyTopic(secret);
    assertNotInTheLog(secret, fireId);
  }

  @Test
  void anInlineCredentialHeaderIsMaskedInTheApiAnswer() {
    var job =
        """
        {"id":"%s","schedule":{"every":"PT1H"},
         "target":{"type":"http","url":"%s","headers":{"Authorization":"Bearer plain-value"}}}
        """
            .formatted(id, target.url("/hook/" + id));

    var created = ApiCalls.send(system, "POST", "/jobs", job);

    assertThat(created.statusCode()).isEqualTo(201);
    for (var answer : List.of(created, get("/jobs/" + id))) {
      var headers = ApiCalls.json(answer).get("target").get("headers");
      assertThat(headers.get("Authorization").asString()).isEqualTo("******");
      assertThat(answer.body()).doesNotContain("plain-value");
    }
  }

  private List<HttpResponse<String>> apiAnswers(String fireId) {
    return List.of(
        get("/jobs/" + id),
        get("/jobs?limit=500"),
        get("/jobs/" + id + "/executions"),
        get("/executions/" + fireId));
  }

  private void assertNotInDatabase(String secret) throws Exception {
    var dump = DatabaseDump.of(system.api().getBean(DataSource.class));
    var hex = HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8));
    assertThat(dump).as("tables").isNotEmpty();
    assertThat(dump.values().stream().flatMap(List::stream))
        .as("the job's rows were dumped")
        .anySatisfy(row -> assertThat(row).contains(id))
        .noneSatisfy(row -> assertThat(row).contains(secret))
        .noneSatisfy(row -> assertThat(row).contains(hex));
  }

  private void assertNotInAnyTopic(String secret) throws Exception {
    var bootstrap = system.kafkaBootstrapServers();
    var read = new ArrayList<String>();

    var found = EveryRecord.containing(bootstrap, secret.getBytes(StandardCharsets.UTF_8), read);

    assertThat(found).isEmpty();
    assertThat(read)
        .contains("scheduler.jobs", "scheduler.fires", "scheduler.results", "__consumer_offsets")
        .anySatisfy(topic -> assertThat(topic).endsWith("-changelog"));
    // the same search finds the job where it should be
    assertThat(EveryRecord.containing(bootstrap, id.getBytes(StandardCharsets.UTF_8), read))
        .extracting(EveryRecord.Found::topic)
        .contains("scheduler.jobs", "scheduler.fires", "scheduler.results");
  }

  private static void assertNotInTheLog(String secret, String fireId) throws Exception {
    await().atMost(DEADLINE).until(() -> Files.readString(SharedSystem.LOG_FILE).contains(fireId));
    assertThat(Files.readAllLines(SharedSystem.LOG_FILE))
        .as("log lines holding the secret")
        .filteredOn(line -> line.contains(secret))
        .isEmpty();
  }

  private static String randomHex(int bytes) {
    var random = new byte[bytes];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  private static HttpResponse<String> get(String path) {
    return ApiCalls.send(system, "GET", path, null);
  }
}
