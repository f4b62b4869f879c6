package dev.punctual.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditedRoutesTest {

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
    "POST, /jobs, create, ",
    "PUT, /jobs/nightly, update, nightly",
    "DELETE, /jobs/nightly, delete, nightly",
    "POST, /jobs/nightly/pause, pause, nightly",
    "POST, /jobs/nightly/resume, resume, nightly",
    "POST, /jobs/nightly/trigger, trigger, nightly",
    "POST, /jobs/nightly/backfill, backfill, nightly",
    "POST, /admin/resync/topic, resync, ",
    "POST, /admin/resync/database, resync, ",
    "POST, /admin/api-keys, key-issue, ",
    "DELETE, /admin/api-keys/k-42, key-revoke, k-42"
  })
  void eachChangeHasItsAction(String method, String path, String action, String pathId) {
    var match = AuditedRoutes.match(method, path).orElseThrow();

    assertThat(match.route().action().value()).isEqualTo(action);
    assertThat(match.pathId()).isEqualTo(pathId);
  }

  @Test
  void aBatchIsACreate() {
    var match = AuditedRoutes.match("POST", "/jobs/batch").orElseThrow();

    assertThat(match.route().action()).isEqualTo(AuditAction.CREATE);
  }

  @ParameterizedTest(name = "{0} {1} is not audited")
  @CsvSource({
    "GET, /jobs",
    "GET, /jobs/nightly",
    "GET, /admin/audit",
    "GET, /admin/api-keys",
    "POST, /jobs/nightly/next-runs",
    "POST, /jobs/nightly/pause/extra",
    "PATCH, /jobs/nightly",
    "POST, /actuator/health",
    "POST, /admin/resync"
  })
  void readsAndUnknownRoutesAreNotAudited(String method, String path) {
    assertThat(AuditedRoutes.match(method, path)).isEmpty();
  }

  @Test
  void aPutThatCreatesIsACreate() {
    var put = AuditedRoutes.match("PUT", "/jobs/nightly").orElseThrow().route();

    assertThat(AuditedRoutes.action(put, 201)).isEqualTo(AuditAction.CREATE);
    assertThat(AuditedRoutes.action(put, 200)).isEqualTo(AuditAction.UPDATE);
    assertThat(AuditedRoutes.action(put, 412)).isEqualTo(AuditAction.UPDATE);
  }

  @Test
  void theOutcomeFollowsTheStatus() {
    assertThat(Outcome.of(201).value()).isEqualTo("succeeded");
    assertThat(Outcome.of(304).value()).isEqualTo("succeeded");
    assertThat(Outcome.of(401).value()).isEqualTo("refused");
    assertThat(Outcome.of(429).value()).isEqualTo("refused");
    assertThat(Outcome.of(503).value()).isEqualTo("failed");
  }

  @Test
  void theVersionComesFromTheEntityTagAndTheIdFromTheLocation() {
    assertThat(RecordAudit.version("\"7\"")).isEqualTo(7L);
    assertThat(RecordAudit.version("\"7-5f2a9c0e1b7d4a66\"")).isEqualTo(7L);
    assertThat(RecordAudit.version("W/\"7\"")).isNull();
    assertThat(RecordAudit.version(null)).isNull();
    assertThat(RecordAudit.lastSegment("/jobs/nightly")).isEqualTo("nightly");
    assertThat(RecordAudit.lastSegment("/jobs/")).isNull();
    assertThat(RecordAudit.lastSegment(null)).isNull();
  }
}
