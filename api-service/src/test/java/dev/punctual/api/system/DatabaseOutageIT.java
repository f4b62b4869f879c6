package dev.punctual.api.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.api.testing.Jobs;
import dev.punctual.api.testing.RunningApi;
import dev.punctual.api.testing.TestServers;
import dev.punctual.embedded.EmbeddedPostgres;
import dev.punctual.embedded.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While PostgreSQL is down the API answers 503 with Retry-After and is not ready; when PostgreSQL
 * is back the API answers again, without a restart.
 */
class DatabaseOutageIT {

  @TempDir Path dataDirectory;

  @Test
  void whilePostgresqlIsDownRequestsGet503WithRetryAfterAndTheServiceRecoversByItself() {
    int port = FreePorts.any();
    var postgres = EmbeddedPostgres.start(dataDirectory, port);
    var arguments = new ArrayList<>(TestServers.topics("dbdown"));
    arguments.add("--spring.datasource.url=" + postgres.jdbcUrl());
    arguments.add("--spring.datasource.username=" + postgres.username());
    arguments.add("--spring.datasource.password=" + postgres.password());
    arguments.add("--spring.datasource.hikari.connection-timeout=1000");
    arguments.add("--spring.datasource.hikari.validation-timeout=500");
    try (var service = RunningApi.start(arguments)) {
      var api = service.api();
      var id = "outage-" + UUID.randomUUID();
      assertThat(api.post("/jobs", Jobs.definition(id, "\"every\": \"PT1M\"")).status())
          .isEqualTo(201);

      postgres.close();
      try {
        var read = api.get("/jobs/" + id);
        assertThat(read.status()).as(read.body()).isEqualTo(503);
        assertThat(read.header("Retry-After")).isEqualTo("5");
        // The rate limit is answered by this instance's copy of the caller's bucket when the copy
        // is
        // there (it is synced with PostgreSQL in the background); without it the limit cannot be
        // checked and the request passes (fail open, counted). Either way the request is not
        // blocked.
        double failedOpen =
            service
                .bean(io.micrometer.core.instrument.MeterRegistry.class)
                .counter("punctual.api.rate.limit.failed.open")
                .count();
        assertThat(read.header("RateLimit-Limit") != null || failedOpen > 0)
            .as(
                "limited by the local copy (%s) or failed open (%s)",
                read.header("RateLimit-Limit"), failedOpen)
            .isTrue();
        assertThat(read.contentType()).startsWith("application/problem+json");
        assertThat(read.json().get("detail").asString()).contains("database");
        var write = api.post("/jobs", Jobs.definition(id + "-2", "\"every\": \"PT1M\""));
        assertThat(write.status()).isEqualTo(503);
        assertThat(write.header("Retry-After")).isEqualTo("5");
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(503);
        assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
      } finally {
        postgres = EmbeddedPostgres.start(dataDirectory, port);
      }

      await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/jobs/" + id).status() == 200);
      assertThat(api.post("/jobs", Jobs.definition(id + "-2", "\"every\": \"PT1M\"")).status())
          .isEqualTo(201);
      assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
    } finally {
      postgres.close();
    }
  }
}
