package dev.punctual.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;

class ScopeRulesTest {

  @ParameterizedTest
  @CsvSource({
    "GET, /jobs, JOBS_READ",
    "GET, /jobs/nightly-report, JOBS_READ",
    "GET, /jobs/nightly-report/executions, JOBS_READ",
    "GET, /jobs/nightly-report/next-runs, JOBS_READ",
    "GET, /executions/nightly-report@1804899600000, JOBS_READ",
    "POST, /jobs, JOBS_WRITE",
    "POST, /jobs/batch, JOBS_WRITE",
    "PUT, /jobs/nightly-report, JOBS_WRITE",
    "DELETE, /jobs/nightly-report, JOBS_WRITE",
    "POST, /jobs/nightly-report/pause, JOBS_WRITE",
    "POST, /jobs/nightly-report/resume, JOBS_WRITE",
    "POST, /jobs/nightly-report/trigger, JOBS_TRIGGER",
    "POST, /jobs/nightly-report/backfill, JOBS_TRIGGER",
    "GET, /admin/api-keys, ADMIN",
    "POST, /admin/resync/topic, ADMIN",
    "GET, /actuator/prometheus, ADMIN",
    "POST, /jobs/nightly-report, ADMIN",
    "PATCH, /jobs/nightly-report, ADMIN",
    "GET, /anything-else, ADMIN"
  })
  void eachEndpointNeedsItsScopeAndAnythingElseNeedsAdmin(
      String method, String path, Scope expected) {
    assertThat(ScopeRules.requiredFor(new MockHttpServletRequest(method, path)))
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "/api-docs, true",
    "/swagger-ui/index.html, true",
    "/v3/api-docs, true",
    "/v3/api-docs/swagger-config, true",
    "/asyncapi.json, true",
    "/actuator/health, true",
    "/actuator/health/readiness, true",
    "/ui/index.html, true",
    "/actuator/prometheus, false",
    "/jobs, false",
    "/admin/api-keys, false"
  })
  void onlyDocsHealthAndTheDashboardAreOpen(String path, boolean open) {
    assertThat(ScopeRules.isOpen(new MockHttpServletRequest("GET", path))).isEqualTo(open);
  }
}
