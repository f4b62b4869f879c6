package dev.punctual.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.api.testing.ApiIntegrationTest;
import org.junit.jupiter.api.Test;

/** Swagger UI and the OpenAPI document, health and metrics are served. */
class OpenApiIT extends ApiIntegrationTest {

  @Test
  void swaggerUiIsServedAtApiDocs() {
    var ui = api().get("/api-docs");

    assertThat(ui.status()).isEqualTo(200);
    assertThat(ui.body()).containsIgnoringCase("swagger");
  }

  @Test
  void theOpenApiDocumentDescribesTheJobs() {
    var document = api().get("/v3/api-docs");

    assertThat(document.status()).isEqualTo(200);
    var json = document.json();
    assertThat(json.get("paths").has("/jobs")).isTrue();
    assertThat(json.get("paths").has("/jobs/{id}/executions")).isTrue();
    var schemas = json.get("components").get("schemas");
    assertThat(schemas.has("Job")).isTrue();
    assertThat(schemas.has("Problem")).isTrue();
    assertThat(
            json.get("paths")
                .get("/jobs")
                .get("post")
                .get("requestBody")
                .get("content")
                .has("application/json"))
        .isTrue();
  }

  @Test
  void healthAndPrometheusAreExposed() {
    assertThat(api().get("/actuator/health").json().get("status").asString()).isEqualTo("UP");
    assertThat(api().get("/actuator/health/readiness").status()).isEqualTo(200);
    var metrics = api().get("/actuator/prometheus");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("punctual_api_outbox_backlog");
  }

  @Test
  void anUnknownPathIsAProblem() {
    var answer = api().get("/no/such/path");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.contentType()).startsWith("application/problem+json");
  }
}
