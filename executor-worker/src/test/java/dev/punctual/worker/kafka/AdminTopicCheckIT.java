package dev.punctual.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.embedded.EmbeddedKafka;
import dev.punctual.worker.kafka.TopicCheck.Problem;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The topic check against a real broker, with a clock the test ages at will: what is known about a
 * topic outlives a broker that stops answering, for a while, and a deleted topic is forgotten.
 */
class AdminTopicCheckIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final AtomicLong nanos = new AtomicLong();
  private EmbeddedKafka kafka;
  private Admin admin;
  private AdminTopicCheck check;

  @BeforeEach
  void start() {
    kafka = EmbeddedKafka.startForTests();
    kafka.createTopics(List.of(new NewTopic("orders", 1, (short) 1)));
    admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) TIMEOUT.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) TIMEOUT.toMillis()));
    check = new AdminTopicCheck(admin, TIMEOUT, nanos::get);
  }

  @AfterEach
  void stop() {
    admin.close(Duration.ZERO);
    if (kafka != null) {
      kafka.close();
    }
  }

  private void age(Duration by) {
    nanos.addAndGet(by.toNanos());
  }

  @Test
  void aTopicKnownToExistIsStillWrittenWhileTheBrokerDoesNotAnswerUntilTheStaleLimit() {
    assertThat(check.check("orders", 100)).isEmpty();
    kafka.close();
    kafka = null;

    age(AdminTopicCheck.REMEMBER_EXISTING.plusSeconds(1));
    long before = System.nanoTime();
    var stale = check.check("orders", 100);
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);

    assertThat(stale).as("answered from what was known").isEmpty();
    assertThat(tookMs).as("without waiting for the broker").isLessThan(TIMEOUT.toMillis());

    age(AdminTopicCheck.STALE_LIMIT);
    await("the unconfirmed answer dropped")
        .atMost(Duration.ofSeconds(60))
        .until(() -> check.check("orders", 100).isPresent());
    assertThat(check.check("orders", 100))
        .get()
        .satisfies(
            problem -> {
              assertThat(problem.retryable()).isTrue();
              assertThat(problem.reason())
                  .isEqualTo("Kafka did not say within 2 s whether topic orders exists");
            });
  }

  @Test
  void aDeletedTopicIsForgottenAtTheNextRefresh() throws Exception {
    assertThat(check.check("orders", 100)).isEmpty();
    admin.deleteTopics(List.of("orders")).all().get(30, TimeUnit.SECONDS);

    age(AdminTopicCheck.REMEMBER_EXISTING.plusSeconds(1));

    await("the deletion noticed")
        .atMost(Duration.ofSeconds(60))
        .until(() -> check.check("orders", 100).isPresent());
    assertThat(check.check("orders", 100).map(Problem::retryable)).contains(false);
    assertThat(check.problem("orders", 100))
        .get()
        .asString()
        .startsWith("topic orders does not exist");
  }

  @Test
  void aMissingTopicIsNotRememberedSoATopicCreatedLaterIsUsedAtOnce() {
    assertThat(check.check("invoices", 100).map(Problem::retryable)).isEqualTo(Optional.of(false));

    kafka.createTopics(List.of(new NewTopic("invoices", 1, (short) 1)));

    // Not remembered as missing: the next check asks again (the broker's metadata may take a
    // moment to show the new topic).
    await("the new topic found")
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(check.check("invoices", 100)).isEmpty());
  }

  @Test
  void aRecordLargerThanTheTopicAcceptsIsAFinalProblem() {
    kafka.createTopics(
        List.of(new NewTopic("small", 1, (short) 1).configs(Map.of("max.message.bytes", "1000"))));

    assertThat(check.check("small", 999)).isEmpty();
    assertThat(check.check("small", 5_000))
        .get()
        .satisfies(
            problem -> {
              assertThat(problem.retryable()).isFalse();
              assertThat(problem.reason()).contains("more than the 1000 bytes topic small accepts");
            });
  }
}
