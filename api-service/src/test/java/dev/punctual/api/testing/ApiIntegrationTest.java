package dev.punctual.api.testing;

import dev.punctual.api.ApiApplication;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a random port against the shared {@link TestServers}, with security off.
 * Subclasses share one application context (same configuration), so the servers and the application
 * start once.
 */
@SpringBootTest(
    classes = ApiApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=" + ApiApplication.CONFIG_NAME,
      "punctual.api.retry-backoff=200ms",
      // Limited, so that every test passes the filter and its headers, but far above what any
      // test sends; RateLimitIT tests the limits themselves.
      "punctual.api.rate-limit.requests-per-second=100000",
      "punctual.api.rate-limit.burst=1000000",
      // These tests are about what the API does; security has tests of its own (SecurityIT).
      "punctual.api.security.enabled=false"
    })
public abstract class ApiIntegrationTest {

  /** How long a test waits for anything asynchronous (Kafka, projections). */
  protected static final Duration DEADLINE = Duration.ofSeconds(30);

  @LocalServerPort protected int port;
  @LocalManagementPort protected int managementPort;
  @Autowired protected JdbcClient jdbc;
  private Records records;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    TestServers.register(registry);
  }

  protected ApiClient api() {
    return new ApiClient(port);
  }

  /** The management port: metrics and every other actuator endpoint. */
  protected ApiClient management() {
    return new ApiClient(managementPort);
  }

  protected static String bootstrapServers() {
    return TestServers.kafka().bootstrapServers();
  }

  /** A producer onto the shared broker, closed after the test. */
  protected Records records() {
    if (records == null) {
      records = new Records(bootstrapServers());
    }
    return records;
  }

  @AfterEach
  void closeRecords() {
    if (records != null) {
      records.close();
      records = null;
    }
  }

  /** How many outbox rows of the job wait to be published. */
  protected long pendingInOutbox(String jobId) {
    return jdbc.sql("SELECT count(*) FROM outbox WHERE job_id = :id")
        .param("id", jobId)
        .query(Long.class)
        .single();
  }
}
