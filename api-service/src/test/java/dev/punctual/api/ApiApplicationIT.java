package dev.punctual.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.api.testing.ApiClient;
import dev.punctual.api.testing.TestServers;
import org.junit.jupiter.api.Test;

/** What standalone does: run the service through its builder with command-line settings. */
class ApiApplicationIT {

  @Test
  void theBuilderRunsTheServiceWithItsOwnConfigurationFile() {
    var postgres = TestServers.postgres();
    try (var context =
        ApiApplication.builder()
            .run(
                "--server.port=0",
                // not the default 3018, which a standalone on this machine may hold
                "--management.server.port=0",
                "--spring.datasource.url=" + postgres.jdbcUrl(),
                "--spring.datasource.username=" + postgres.username(),
                "--spring.datasource.password=" + postgres.password(),
                "--spring.kafka.bootstrap-servers=" + TestServers.kafka().bootstrapServers())) {
      var environment = context.getEnvironment();
      var port = environment.getRequiredProperty("local.server.port", Integer.class);

      // Settings from punctual-api.yml are in force...
      assertThat(environment.getProperty("springdoc.swagger-ui.path")).isEqualTo("/api-docs");
      // ...security among them, on by default...
      assertThat(environment.getProperty("punctual.api.security.enabled")).isEqualTo("true");
      // ...and the service answers: Swagger UI to anyone, jobs only with a credential.
      var api = new ApiClient(port);
      assertThat(api.get("/api-docs").status()).isEqualTo(200);
      var jobs = api.get("/jobs?limit=1");
      assertThat(jobs.status()).isEqualTo(401);
      assertThat(jobs.header("WWW-Authenticate")).isEqualTo("Bearer");
    }
  }
}
