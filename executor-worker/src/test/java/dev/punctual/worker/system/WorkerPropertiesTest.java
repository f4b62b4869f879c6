package dev.punctual.worker.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.punctual.worker.http.Cidr;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerPropertiesTest {

  @Test
  void everyPropertyHasADefault() {
    var properties =
        new WorkerProperties(
            null, null, null, null, null, null, null, null, null, null, null, null, null);

    assertThat(properties.topicPrefix()).isEqualTo("scheduler.");
    assertThat(properties.groupId()).isEqualTo("punctual-worker");
    assertThat(properties.workerId()).matches(".+-[0-9a-f]{6}");
    assertThat(properties.maxConcurrentExecutions()).isEqualTo(1000);
    assertThat(properties.maxUncommittedFires()).isEqualTo(10_000);
    assertThat(properties.defaultHttpTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(properties.maxHttpTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(properties.responseBodyExcerptBytes()).isEqualTo(4096);
    assertThat(properties.commitInterval()).isEqualTo(Duration.ofMillis(100));
    assertThat(properties.shutdownGracePeriod()).isEqualTo(Duration.ofSeconds(30));
    assertThat(properties.revokeGracePeriod()).isEqualTo(Duration.ofSeconds(5));
    assertThat(properties.allowedHosts()).isEmpty();
    assertThat(properties.allowedCidrs()).isEmpty();
  }

  @Test
  void twoInstancesGetDifferentDefaultWorkerIds() {
    assertThat(WorkerProperties.defaultWorkerId()).isNotEqualTo(WorkerProperties.defaultWorkerId());
  }

  @Test
  void theTransactionalIdIsDerivedFromTheWorkerId() {
    assertThat(KafkaClients.transactionalId(WorkerProperties.withWorkerId("w-1")))
        .isEqualTo("punctual-worker-w-1");
  }

  @Test
  void refusesNonsensicalLimits() {
    assertThatThrownBy(
            () ->
                new WorkerProperties(
                    null, null, "w", 0, null, null, null, null, null, null, null, null, null))
        .hasMessageContaining("punctual.worker.max-concurrent-executions must be at least 1");
    assertThatThrownBy(
            () ->
                new WorkerProperties(
                    null,
                    null,
                    "w",
                    null,
                    null,
                    null,
                    null,
                    null,
                    Duration.ZERO,
                    null,
                    null,
                    null,
                    null))
        .hasMessageContaining("punctual.worker.commit-interval must be a positive duration");
  }

  @Test
  void parsesTheAllowedRangesAndRefusesAMistypedOne() {
    var loopback =
        new WorkerProperties(
            null,
            null,
            "w",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            List.of("127.0.0.0/8", "::1/128"));
    assertThat(loopback.cidrs())
        .extracting(Cidr::toString)
        .containsExactly("127.0.0.0/8", "::1/128");

    assertThatThrownBy(
            () ->
                new WorkerProperties(
                    null,
                    null,
                    "w",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    List.of("127.0.0.1/8")))
        .hasMessageStartingWith("punctual.worker.allowed-cidrs: 127.0.0.1/8 has bits set");
  }
}
