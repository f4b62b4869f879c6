package dev.punctual.api.security;

import static dev.punctual.api.testing.SecuredApi.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.api.testing.ApiClient;
import dev.punctual.api.testing.Jobs;
import dev.punctual.api.testing.RawHttp;
import dev.punctual.api.testing.RunningApi;
import dev.punctual.api.testing.SecuredApi;
import dev.punctual.api.testing.TestIssuer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Authentication and scopes on a real instance with security on: every endpoint against every kind
 * of credential, the problem+json of 401 and 403, JWTs of a test issuer, and revocation seen by a
 * second instance on the same database.
 */
class SecurityIT {

  private static final String PROBLEM_JSON = "application/problem+json";
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  /**
   * One row per endpoint: how to call it and what it needs. A permitted call names a job that does
   * not exist where it can (404), so that calls change nothing they do not create.
   */
  record Endpoint(
      String method,
      String template,
      Function<String, String> path,
      Function<String, String> body,
      String scope,
      int permitted) {

    String key() {
      return method + " " + template;
    }
  }

  private static final String DEFINITION_SCHEDULE = "\"every\": \"PT1H\"";

  private static final List<Endpoint> ENDPOINTS =
      List.of(
          new Endpoint("GET", "/jobs", u -> "/jobs", null, "jobs:read", 200),
          new Endpoint(
              "POST",
              "/jobs",
              u -> "/jobs",
              u -> Jobs.definition("sec-" + u, DEFINITION_SCHEDULE),
              "jobs:write",
              201),
          new Endpoint(
              "POST",
              "/jobs/batch",
              u -> "/jobs/batch",
              u -> "{\"jobs\": [" + Jobs.definition("sec-b-" + u, DEFINITION_SCHEDULE) + "]}",
              "jobs:write",
              200),
          new Endpoint("GET", "/jobs/{id}", u -> "/jobs/missing", null, "jobs:read", 404),
          new Endpoint(
              "PUT",
              "/jobs/{id}",
              u -> "/jobs/sec-p-" + u,
              u -> Jobs.definition("sec-p-" + u, DEFINITION_SCHEDULE),
              "jobs:write",
              201),
          new Endpoint("DELETE", "/jobs/{id}", u -> "/jobs/missing", null, "jobs:write", 404),
          new Endpoint(
              "POST", "/jobs/{id}/pause", u -> "/jobs/missing/pause", null, "jobs:write", 404),
          new Endpoint(
              "POST", "/jobs/{id}/resume", u -> "/jobs/missing/resume", null, "jobs:write", 404),
          new Endpoint(
              "POST",
              "/jobs/{id}/trigger",
              u -> "/jobs/missing/trigger",
              null,
              "jobs:trigger",
              404),
          new Endpoint(
              "POST",
              "/jobs/{id}/backfill",
              u -> "/jobs/missing/backfill",
              u -> "{\"from\": \"2027-03-01T00:00:00Z\", \"to\": \"2027-03-02T00:00:00Z\"}",
              "jobs:trigger",
              404),
          new Endpoint(
              "GET", "/jobs/{id}/missed", u -> "/jobs/missing/missed", null, "jobs:read", 404),
          new Endpoint(
              "GET", "/jobs/{id}/events", u -> "/jobs/missing/events", null, "jobs:read", 404),
          new Endpoint("GET", "/events", u -> "/events", null, "jobs:read", 200),
          new Endpoint(
              "GET",
              "/jobs/{id}/next-runs",
              u -> "/jobs/missing/next-runs",
              null,
              "jobs:read",
              404),
          new Endpoint(
              "GET",
              "/jobs/{id}/executions",
              u -> "/jobs/missing/executions",
              null,
              "jobs:read",
              404),
          new Endpoint(
              "GET", "/executions/{fireId}", u -> "/executions/missing@1", null, "jobs:read", 404),
          new Endpoint("GET", "/admin/api-keys", u -> "/admin/api-keys", null, "admin", 200),
          new Endpoint("GET", "/admin/audit", u -> "/admin/audit", null, "admin", 200),
          new Endpoint(
              "POST",
              "/admin/api-keys",
              u -> "/admin/api-keys",
              u -> "{\"name\": \"k" + u + "\", \"scopes\": [\"jobs:read\"]}",
              "admin",
              201),
          new Endpoint(
              "DELETE",
              "/admin/api-keys/{id}",
              u -> "/admin/api-keys/0000000000000000",
              null,
              "admin",
              404),
          new Endpoint(
              "POST", "/admin/resync/topic", u -> "/admin/resync/topic", null, "admin", 200),
          new Endpoint(
              "POST", "/admin/resync/database", u -> "/admin/resync/database", null, "admin", 200));

  private static final List<String> SCOPES =
      List.of("jobs:read", "jobs:write", "jobs:trigger", "admin");

  private static SecuredApi secured;
  private static TestIssuer issuer;
  private static RunningApi instance;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    // A permitted live event stream ends after a second, so that a call to it returns.
    secured =
        SecuredApi.start(
            "security",
            "--punctual.api.events.timeout=1s",
            "--punctual.api.events.heartbeat=200ms");
    issuer = secured.issuer();
    instance = secured.instance();
    api = secured.api();
  }

  @AfterAll
  static void stop() {
    if (secured != null) {
      secured.close();
    }
  }

  @Test
  void theManagementPortServesMetricsWithoutACredentialWhileTheApiPortAsksForOne() {
    var environment = secured.instance().context().getEnvironment();
    int managementPort = environment.getRequiredProperty("local.management.port", Integer.class);
    int apiPort = environment.getRequiredProperty("local.server.port", Integer.class);
    assertThat(managementPort).isNotEqualTo(apiPort);
    var management = new ApiClient(managementPort);

    assertThat(management.get("/actuator/prometheus").status()).isEqualTo(200);
    assertThat(secured.api().get("/actuator/prometheus").status()).isEqualTo(401);
    assertThat(secured.api().get("/jobs").status()).isEqualTo(401);
  }

  @Test
  void theTableNamesEveryEndpointOfTheRunningApplication() {
    var mapped = new TreeSet<String>();
    var mapping =
        instance
            .context()
            .getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
    mapping
        .getHandlerMethods()
        .keySet()
        .forEach(
            info ->
                info.getPatternValues()
                    .forEach(
                        pattern ->
                            info.getMethodsCondition()
                                .getMethods()
                                .forEach(method -> mapped.add(method.name() + " " + pattern))));
    // Open paths (the OpenAPI document, Swagger UI) and the servlet error page need no scope.
    mapped.removeIf(
        endpoint -> {
          var parts = endpoint.split(" ");
          return parts[1].equals("/error")
              || ScopeRules.isOpen(new MockHttpServletRequest(parts[0], parts[1]));
        });

    assertThat(ENDPOINTS.stream().map(Endpoint::key).toList())
        .as("a new endpoint must be added to this table (and to ScopeRules if it is not admin)")
        .containsExactlyInAnyOrderElementsOf(mapped);
  }

  @Test
  void everyEndpointAnswersEachCredentialAsItsScopeSays() {
    var keys = new LinkedHashMap<String, String>();
    for (var scope : SCOPES) {
      keys.put(scope, SecuredApi.issueKey(api, null, scope));
    }
    var failures = new ArrayList<String>();
    for (var endpoint : ENDPOINTS) {
      var anonymous = call(endpoint);
      check(failures, endpoint, "no credential", anonymous, 401);
      if (anonymous.status() == 401) {
        checkUnauthorized(failures, endpoint, anonymous);
      }
      for (var entry : keys.entrySet()) {
        var permitted = entry.getKey().equals(endpoint.scope()) || entry.getKey().equals("admin");
        var answer = call(endpoint, bearer(entry.getValue()));
        check(failures, endpoint, entry.getKey(), answer, permitted ? endpoint.permitted() : 403);
        if (!permitted && answer.status() == 403) {
          checkForbidden(failures, endpoint, answer);
        }
      }
      var bootstrap = call(endpoint, bearer(SecuredApi.BOOTSTRAP_KEY));
      check(failures, endpoint, "bootstrap key", bootstrap, endpoint.permitted());
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void aRefusedTokenIsAnswered401WithInvalidToken() {
    for (var token :
        List.of(
            "pct_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "not-a-key",
            issuer.expiredToken("alice", "jobs:read"),
            issuer.foreignToken("mallory", "admin"))) {
      var answer = api.get("/jobs", bearer(token));

      assertThat(answer.status()).as(token).isEqualTo(401);
      assertThat(answer.contentType()).startsWith(PROBLEM_JSON);
      assertThat(answer.header("WWW-Authenticate"))
          .startsWith("Bearer")
          .contains("error=\"invalid_token\"");
      assertThat(answer.json().get("detail").asString()).contains("Authorization: Bearer");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/jobs/%ZZ", "/jobs/%00", "//jobs", "/jobs/a;b=c", "/jobs?cursor=%%%"})
  void aMalformedRequestIsAProblemWithOrWithoutACredential(String target) {
    var http =
        new RawHttp(
            instance
                .context()
                .getEnvironment()
                .getRequiredProperty("local.server.port", Integer.class));

    var anonymous = http.send(new RawHttp.Request("GET", target, Map.of(), new byte[0]));
    var admin =
        http.send(
            new RawHttp.Request(
                "GET",
                target,
                Map.of("Authorization", "Bearer " + SecuredApi.BOOTSTRAP_KEY),
                new byte[0]));

    // Tomcat and the firewall refuse before authentication; a bad query is found after it.
    assertThat(anonymous.status()).as(anonymous.toString()).isIn(400, 401);
    assertThat(admin.status()).as(admin.toString()).isEqualTo(400);
    for (var answer : List.of(anonymous, admin)) {
      assertThat(answer.contentType()).as(answer.toString()).startsWith(PROBLEM_JSON);
      assertThat(answer.body()).contains("\"detail\"");
    }
  }

  @Test
  void openPathsNeedNoCredential() {
    assertThat(api.get("/v3/api-docs").status()).isEqualTo(200);
    assertThat(api.get("/api-docs").status()).isEqualTo(200);
    assertThat(api.get("/asyncapi.json").status()).isEqualTo(200);
    assertThat(api.get("/actuator/health").status()).isEqualTo(200);
    assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
  }

  @Test
  void theDocumentDeclaresTheBearerSchemeAndItsRefusalsOnEveryOperation() {
    var document = api.get("/v3/api-docs").json();

    var scheme = document.get("components").get("securitySchemes").get("bearerAuth");
    assertThat(scheme.get("type").asString()).isEqualTo("http");
    assertThat(scheme.get("scheme").asString()).isEqualTo("bearer");
    var operations = 0;
    var paths = document.get("paths");
    for (var path : paths.propertyNames()) {
      for (var method : paths.get(path).propertyNames()) {
        var operation = paths.get(path).get(method);
        var name = method + " " + path;
        operations++;
        assertThat(operation.get("security").toString()).as(name).contains("bearerAuth");
        for (var code : List.of("401", "403", "429")) {
          assertThat(operation.get("responses").get(code).get("content").has(PROBLEM_JSON))
              .as(name + " " + code)
              .isTrue();
        }
      }
    }
    assertThat(operations).isEqualTo(ENDPOINTS.size());
  }

  @Test
  void anUnknownPathNeedsAdmin() {
    var key = SecuredApi.issueKey(api, null, "jobs:read");

    var answer = api.get("/nothing-here", bearer(key));

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.json().get("requiredScope").asString()).isEqualTo("admin");
    assertThat(api.get("/nothing-here", bearer(SecuredApi.BOOTSTRAP_KEY)).status()).isEqualTo(404);
  }

  @Test
  void aJwtOfTheIssuerWorksWithItsScopes() {
    var reader = issuer.token("alice", "jobs:read", null);
    var writer = issuer.token("bob", "jobs:read jobs:write", null);
    var id = "jwt-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime();

    assertThat(api.get("/jobs", bearer(reader)).status()).isEqualTo(200);
    var refused = api.post("/jobs", Jobs.definition(id, DEFINITION_SCHEDULE), bearer(reader));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().get("requiredScope").asString()).isEqualTo("jobs:write");
    assertThat(api.post("/jobs", Jobs.definition(id, DEFINITION_SCHEDULE), bearer(writer)).status())
        .isEqualTo(201);
    assertThat(api.get("/jobs/" + id, bearer(reader)).status()).isEqualTo(200);
  }

  @Test
  void anIssuerUriAloneFindsTheKeysThroughTheIssuersMetadata() {
    var arguments = new ArrayList<String>();
    arguments.addAll(dev.punctual.api.testing.TestServers.database("securityissuer"));
    arguments.addAll(dev.punctual.api.testing.TestServers.topics("securityissuer"));
    arguments.add("--punctual.api.security.enabled=true");
    arguments.add("--punctual.api.jwt-issuer-uri=" + issuer.issuerUri());

    try (var byIssuer = RunningApi.start(arguments)) {
      var client = byIssuer.api();
      assertThat(
              client.get("/jobs", bearer(issuer.tokenOfServedIssuer("dave", "jobs:read"))).status())
          .isEqualTo(200);
      // Signed by the issuer's key, but naming another issuer.
      assertThat(client.get("/jobs", bearer(issuer.token("erin", "jobs:read", null))).status())
          .isEqualTo(401);
    }
  }

  @Test
  void aRevokedKeyIsRefusedWithinTwoSecondsByAnotherInstance() {
    try (var second = secured.startAnotherInstance()) {
      var key = SecuredApi.issueKey(api, null, "jobs:read");
      var id = key.split("_")[1];
      assertThat(second.api().get("/jobs", bearer(key)).status()).isEqualTo(200);

      assertThat(api.delete("/admin/api-keys/" + id, bearer(SecuredApi.BOOTSTRAP_KEY)).status())
          .isEqualTo(204);

      assertThat(api.get("/jobs", bearer(key)).status()).isEqualTo(401);
      await()
          .atMost(Duration.ofSeconds(2))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> second.api().get("/jobs", bearer(key)).status() == 401);
      assertThat(api.delete("/admin/api-keys/" + id, bearer(SecuredApi.BOOTSTRAP_KEY)).status())
          .isEqualTo(404);
    }
  }

  @Test
  void issuedKeysAreListedWithoutTheKey() {
    var key = SecuredApi.issueKey(api, "team-a", "jobs:read", "jobs:write");
    var id = key.split("_")[1];

    var listed = api.get("/admin/api-keys?limit=500", bearer(SecuredApi.BOOTSTRAP_KEY));

    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.body()).doesNotContain(key.substring(key.lastIndexOf('_') + 1));
    var entry = new ArrayList<tools.jackson.databind.JsonNode>();
    listed
        .json()
        .get("items")
        .forEach(
            item -> {
              if (item.get("id").asString().equals(id)) {
                entry.add(item);
              }
            });
    assertThat(entry).hasSize(1);
    assertThat(entry.getFirst().get("namespace").asString()).isEqualTo("team-a");
    assertThat(entry.getFirst().has("key")).isFalse();
  }

  @Test
  void anInvalidKeyRequestNamesTheFieldsAtFault() {
    var answer =
        api.post(
            "/admin/api-keys",
            "{\"name\": \"\", \"scopes\": [\"jobs:read\", \"jobs:everything\"],"
                + " \"namespace\": \"no spaces\"}",
            bearer(SecuredApi.BOOTSTRAP_KEY));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.contentType()).startsWith(PROBLEM_JSON);
    assertThat(answer.errorFields()).containsExactlyInAnyOrder("name", "scopes[1]", "namespace");
  }

  private static void check(
      List<String> failures, Endpoint endpoint, String who, ApiClient.Answer answer, int expected) {
    if (answer.status() != expected) {
      failures.add(endpoint.key() + " with " + who + ": expected " + expected + ", got " + answer);
    }
  }

  private static void checkUnauthorized(
      List<String> failures, Endpoint endpoint, ApiClient.Answer answer) {
    if (!String.valueOf(answer.contentType()).startsWith(PROBLEM_JSON)
        || !"Bearer".equals(answer.header("WWW-Authenticate"))
        || !answer.json().get("detail").asString().contains("Authorization: Bearer")) {
      failures.add(
          endpoint.key() + ": 401 is not a Bearer problem: " + answer.response().headers());
    }
  }

  private static void checkForbidden(
      List<String> failures, Endpoint endpoint, ApiClient.Answer answer) {
    if (!String.valueOf(answer.contentType()).startsWith(PROBLEM_JSON)
        || !endpoint.scope().equals(answer.json().path("requiredScope").asString(""))
        || !answer
            .json()
            .get("detail")
            .asString()
            .contains("lacks the scope " + endpoint.scope())) {
      failures.add(endpoint.key() + ": 403 does not name " + endpoint.scope() + ": " + answer);
    }
  }

  private static ApiClient.Answer call(Endpoint endpoint, String... headers) {
    var unique = SEQUENCE.incrementAndGet() + "-" + System.nanoTime();
    var body = endpoint.body() == null ? null : endpoint.body().apply(unique);
    return api.send(endpoint.method(), endpoint.path().apply(unique), body, headers);
  }
}
