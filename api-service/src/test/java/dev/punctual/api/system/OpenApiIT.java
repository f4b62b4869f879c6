package dev.punctual.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.api.testing.ApiIntegrationTest;
import dev.punctual.model.topic.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** Swagger UI and the OpenAPI document, health and metrics are served. */
class OpenApiIT extends ApiIntegrationTest {

  /** Every operation of the API, as "method path". */
  private static final List<String> OPERATIONS =
      List.of(
          "post /jobs",
          "get /jobs",
          "get /jobs/{id}",
          "put /jobs/{id}",
          "delete /jobs/{id}",
          "post /jobs/{id}/pause",
          "post /jobs/{id}/resume",
          "post /jobs/{id}/trigger",
          "post /jobs/{id}/backfill",
          "get /jobs/{id}/next-runs",
          "get /jobs/{id}/missed",
          "get /jobs/{id}/events",
          "get /events",
          "post /jobs/batch",
          "get /jobs/{id}/executions",
          "get /executions/{fireId}",
          "post /admin/resync/topic",
          "post /admin/resync/database",
          "get /admin/audit",
          "post /admin/api-keys",
          "get /admin/api-keys",
          "delete /admin/api-keys/{id}");

  private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

  @Test
  void swaggerUiIsServedAtApiDocs() {
    var ui = api().get("/api-docs");

    assertThat(ui.status()).isEqualTo(200);
    assertThat(ui.body()).containsIgnoringCase("swagger");
  }

  @Test
  void theDocumentIsOpenApi31AndDescribesEveryOperation() {
    var document = document();

    assertThat(document.get("openapi").asString()).startsWith("3.1.");
    assertThat(document.get("info").get("title").asString()).isEqualTo("Punctual API");
    assertThat(operations(document)).containsExactlyInAnyOrderElementsOf(OPERATIONS);
    assertThat(
            document
                .at("/paths/~1events/get/responses/200/content")
                .has(MediaType.TEXT_EVENT_STREAM_VALUE))
        .isTrue();
  }

  @Test
  void everyOperationDocumentsItsSuccessAndItsErrorsAsProblems() {
    var document = document();
    for (var entry : operationNodes(document).entrySet()) {
      var operation = entry.getValue();
      var responses = operation.get("responses");
      var codes = new ArrayList<String>();
      responses.propertyNames().forEach(codes::add);
      assertThat(codes).as(entry.getKey()).anyMatch(code -> code.startsWith("2"));
      assertThat(codes).as(entry.getKey()).contains("429", "500", "503");
      assertThat(operation.get("summary")).as(entry.getKey() + " summary").isNotNull();
      assertThat(operation.get("operationId")).as(entry.getKey() + " operationId").isNotNull();
      for (var code : codes) {
        if (code.startsWith("4") || code.startsWith("5")) {
          assertThat(responses.get(code).get("content").has("application/problem+json"))
              .as(entry.getKey() + " " + code)
              .isTrue();
        }
      }
      if (operation.has("requestBody")) {
        assertThat(codes).as(entry.getKey()).contains("400", "413", "415");
      }
    }
    assertThat(responseHeaders(document, "post /jobs", "503")).contains("Retry-After");
    assertThat(parameters(document, "post /jobs")).containsExactly("Idempotency-Key");
    assertThat(parameters(document, "put /jobs/{id}"))
        .containsExactly("id", "If-Match", "If-None-Match");
    assertThat(parameters(document, "get /jobs"))
        .containsExactlyInAnyOrder("status", "name", "namespace", "label", "limit", "cursor");
    assertThat(parameters(document, "get /jobs/{id}/missed"))
        .containsExactly("id", "limit", "cursor");
    assertThat(parameters(document, "get /jobs/{id}/executions"))
        .containsExactly("id", "status", "limit", "cursor");
    assertThat(responseHeaders(document, "put /jobs/{id}", "200")).contains("ETag");
  }

  @Test
  void theSchemasHaveExamplesAndEveryReferenceResolves() {
    var document = document();
    var schemas = document.get("components").get("schemas");

    for (var name :
        List.of(
            "Job",
            "JobDefinition",
            "Problem",
            "NextRuns",
            "JobBatch",
            "JobBatchResult",
            "Execution",
            "FireExecutions",
            "ApiKey",
            "ApiKeyRequest",
            "IssuedApiKey",
            "ApiKeyPage")) {
      assertThat(schemas.has(name)).as(name).isTrue();
    }
    for (var name :
        List.of(
            "Job",
            "JobDefinition",
            "NextRuns",
            "JobBatch",
            "Execution",
            "ApiKey",
            "ApiKeyRequest",
            "IssuedApiKey")) {
      assertThat(schemas.get(name).has("example") || schemas.get(name).has("examples"))
          .as(name + " example")
          .isTrue();
    }
    assertThat(schemas.get("Job").get("example").get("version").asLong()).isEqualTo(1);
    var createBody = operationNodes(document).get("post /jobs").get("requestBody");
    assertThat(createBody.get("content").get("application/json").get("examples").size())
        .isGreaterThanOrEqualTo(2);
    var references = new ArrayList<String>();
    collectReferences(document, references);
    assertThat(references).isNotEmpty();
    for (var reference : references) {
      assertThat(reference).startsWith("#/components/schemas/");
      assertThat(schemas.has(reference.substring("#/components/schemas/".length())))
          .as(reference)
          .isTrue();
    }
  }

  @Test
  void theTimeSemanticsFieldsAreDescribedWithExamplesAndTheirValues() {
    var document = document();
    var schemas = document.get("components").get("schemas");
    var schedule = schemas.get("Schedule").get("properties");

    for (var field :
        List.of(
            "overlapPolicy",
            "jitter",
            "daylightSaving",
            "misfireThreshold",
            "pauseAfterFailures")) {
      assertThat(schedule.has(field)).as(field).isTrue();
    }
    for (var field : List.of("overlapPolicy", "jitter", "misfireThreshold", "pauseAfterFailures")) {
      assertThat(schedule.get(field).get("description")).as(field + " description").isNotNull();
      assertThat(schedule.get(field).has("example") || schedule.get(field).has("examples"))
          .as(field + " example")
          .isTrue();
    }
    assertThat(values(schedule.get("overlapPolicy").get("enum")))
        .containsExactly("ALLOW", "SKIP", "BUFFER_ONE");
    var daylightSaving = schemas.get("DaylightSaving");
    assertThat(daylightSaving.has("example")).isTrue();
    assertThat(values(daylightSaving.get("properties").get("gap").get("enum")))
        .containsExactly("FIRE_AT_TRANSITION", "SKIP");
    assertThat(values(daylightSaving.get("properties").get("overlap").get("enum")))
        .containsExactly("FIRST", "LAST", "BOTH");
    var labels = property(schemas.get("JobDefinition"), "labels");
    assertThat(labels.get("description").asString()).contains("label=key:value");
    assertThat(labels.get("example").get("team").asString()).isEqualTo("payments");
    assertThat(values(property(schemas.get("Job"), "pausedReason").get("enum")))
        .containsExactly("MANUAL", "FAILURES");
    assertThat(schemas.get("Job").get("example").has("pausedReason")).isTrue();
    for (var name : List.of("TriggerRequest", "BackfillRequest", "MissedOccurrences", "NextRun")) {
      assertThat(schemas.has(name)).as(name).isTrue();
    }
    assertThat(schemas.get("BackfillRequest").get("example").get("from").asString())
        .isEqualTo("2027-03-01T00:00:00Z");
    assertThat(schemas.get("MissedOccurrences").get("example").get("count").asLong()).isEqualTo(15);
    var backfill = operationNodes(document).get("post /jobs/{id}/backfill").get("requestBody");
    assertThat(backfill.get("content").get("application/json").get("examples")).isNotEmpty();
    var trigger = operationNodes(document).get("post /jobs/{id}/trigger").get("requestBody");
    assertThat(trigger.path("required").asBoolean(false)).isFalse();
  }

  /** A property of a schema, also one in an {@code allOf} part. */
  private static JsonNode property(JsonNode schema, String name) {
    if (schema.path("properties").has(name)) {
      return schema.get("properties").get(name);
    }
    for (var part : schema.path("allOf")) {
      if (part.path("properties").has(name)) {
        return part.get("properties").get(name);
      }
    }
    throw new AssertionError("no property " + name + " in " + schema);
  }

  private static List<String> values(JsonNode array) {
    var values = new ArrayList<String>();
    array.forEach(value -> values.add(value.asString()));
    return values;
  }

  @Test
  void healthAnswersOnBothPortsAndMetricsOnlyOnTheManagementPort() {
    assertThat(managementPort).isNotEqualTo(port);
    for (var client : java.util.List.of(api(), management())) {
      assertThat(client.get("/actuator/health").json().get("status").asString()).isEqualTo("UP");
      assertThat(client.get("/actuator/health/readiness").status()).isEqualTo(200);
      assertThat(client.get("/actuator/health/liveness").status()).isEqualTo(200);
    }
    var metrics = management().get("/actuator/prometheus");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("punctual_api_outbox_backlog");
    assertThat(metrics.body()).contains("punctual_api_rate_limit_failed_open_total");
    assertThat(api().get("/actuator/prometheus").status()).isEqualTo(404);
    assertThat(api().get("/actuator/metrics").status()).isEqualTo(404);
    assertThat(api().get("/actuator/info").status()).isEqualTo(404);
  }

  @Test
  void swaggerUiListsJobsFirst() {
    var tags = new java.util.ArrayList<String>();
    api()
        .get("/v3/api-docs")
        .json()
        .get("tags")
        .forEach(tag -> tags.add(tag.get("name").asString()));

    assertThat(tags).startsWith("Jobs", "Job actions", "Executions");
  }

  @Test
  void theAsyncApiDocumentOfTheTopicsIsServedAtAsyncApiJson() {
    var answer = api().get("/asyncapi.json");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.contentType()).startsWith("application/json");
    var document = answer.json();
    assertThat(document.get("asyncapi").asString()).isEqualTo("3.0.0");
    var addresses = new ArrayList<String>();
    document.get("channels").forEach(channel -> addresses.add(channel.get("address").asString()));
    assertThat(addresses).containsExactlyInAnyOrderElementsOf(Topics.DEFAULT.all());
    assertThat(operations(document())).doesNotContain("get /asyncapi.json");
  }

  @Test
  void anUnknownPathIsAProblem() {
    var answer = api().get("/no/such/path");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.contentType()).startsWith("application/problem+json");
  }

  private JsonNode document() {
    var answer = api().get("/v3/api-docs");
    assertThat(answer.status()).isEqualTo(200);
    return answer.json();
  }

  private static List<String> operations(JsonNode document) {
    return List.copyOf(operationNodes(document).keySet());
  }

  private static Map<String, JsonNode> operationNodes(JsonNode document) {
    var operations = new java.util.LinkedHashMap<String, JsonNode>();
    var paths = document.get("paths");
    for (var path : paths.propertyNames()) {
      for (var method : METHODS) {
        if (paths.get(path).has(method)) {
          operations.put(method + " " + path, paths.get(path).get(method));
        }
      }
    }
    return operations;
  }

  private static List<String> parameters(JsonNode document, String operation) {
    var names = new ArrayList<String>();
    operationNodes(document)
        .get(operation)
        .path("parameters")
        .forEach(p -> names.add(p.get("name").asString()));
    return names;
  }

  private static List<String> responseHeaders(JsonNode document, String operation, String code) {
    var headers = new ArrayList<String>();
    var node = operationNodes(document).get(operation).get("responses").get(code).get("headers");
    if (node != null) {
      node.propertyNames().forEach(headers::add);
    }
    return headers;
  }

  private static void collectReferences(JsonNode node, List<String> references) {
    if (node.isObject()) {
      for (var name : node.propertyNames()) {
        var child = node.get(name);
        if (name.equals("$ref") && child.isString()) {
          references.add(child.asString());
        } else {
          collectReferences(child, references);
        }
      }
    } else if (node.isArray()) {
      node.forEach(child -> collectReferences(child, references));
    }
  }
}
