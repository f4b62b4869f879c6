package dev.punctual.api.testing;

import dev.punctual.api.ApiApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a random port against the shared {@link TestServers}. Subclasses share
 * one application context (same configuration), so the servers and the application start once.
 */
@SpringBootTest(
    classes = ApiApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=" + ApiApplication.CONFIG_NAME,
      "punctual.api.retry-backoff=200ms"
    })
public abstract class ApiIntegrationTest {

  @LocalServerPort protected int port;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    TestServers.register(registry);
  }

  protected ApiClient api() {
    return new ApiClient(port);
  }

  protected static String bootstrapServers() {
    return TestServers.kafka().bootstrapServers();
  }
}
