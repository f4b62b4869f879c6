package dev.punctual.worker.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.punctual.worker.http.Cidr;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class WorkerPropertiesTest {

  @Test
  void everyPropertyHasADefault() {
    var properties = bind(Map.of());

    assertThat(properties.topicPrefix()).isEqualTo("scheduler.");
    assertThat(properties.groupId()).isEqualTo("punctual-worker");
    assertThat(properties.workerId()).matches(".+-[0-9a-f]{6}");
    assertThat(properties.maxConcurrentExecutions()).isEqualTo(1000);
    assertThat(properties.maxUncommittedFires()).isEqualTo(10_000);
    assertThat(properties.maxHttpTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(properties.responseBodyExcerptBytes()).isEqualTo(4096);
    assertThat(properties.commitInterval()).isEqualTo(Duration.ofMillis(100));
    assertThat(properties.shutdownGracePeriod()).isEqualTo(Duration.ofSeconds(30));
    assertThat(properties.revokeGracePeriod()).isEqualTo(Duration.ofSeconds(5));
    assertThat(properties.allowedHosts()).isEmpty();
    assertThat(properties.allowedCidrs()).isEmpty();
    assertThat(properties.allowedTopics()).isEmpty();
    assertThat(properties.secretsDir()).isNull();
  }

  @Test
  void bindsThePropertiesUnderTheirDocumentedNames() {
    var properties =
        bind(
            Map.of(
                "punctual.worker.max-concurrent-executions", "300",
                "punctual.worker.max-http-timeout", "1m",
                "punctual.worker.revoke-grace-period", "PT2S",
                "punctual.worker.allowed-hosts", "internal.example.com",
                "punctual.worker.allowed-cidrs", "127.0.0.0/8,::1/128",
                "punctual.worker.allowed-topics", "orders.*,audit-?",
                "punctual.worker.secrets-dir", "/run/secrets"));

    assertThat(properties.maxConcurrentExecutions()).isEqualTo(300);
    assertThat(properties.maxHttpTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(properties.revokeGracePeriod()).isEqualTo(Duration.ofSeconds(2));
    assertThat(properties.allowedHosts()).containsExactly("internal.example.com");
    assertThat(properties.cidrs())
        .extracting(Cidr::toString)
        .containsExactly("127.0.0.0/8", "::1/128");
    assertThat(properties.allowedTopics()).containsExactly("orders.*", "audit-?");
    assertThat(properties.secretsDir()).isEqualTo(Path.of("/run/secrets"));
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
  void refusesNonsensicalSettingsSayingWhich() {
    assertThatThrownBy(() -> bind(Map.of("punctual.worker.max-concurrent-executions", "0")))
        .hasRootCauseMessage("punctual.worker.max-concurrent-executions must be at least 1, got 0");
    assertThatThrownBy(() -> bind(Map.of("punctual.worker.commit-interval", "0s")))
        .hasRootCauseMessage(
            "punctual.worker.commit-interval must be a positive duration, got PT0S");
    assertThatThrownBy(() -> bind(Map.of("punctual.worker.allowed-cidrs", "127.0.0.1/8")))
        .hasStackTraceContaining("punctual.worker.allowed-cidrs: 127.0.0.1/8 has bits set");
  }

  private static WorkerProperties bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("punctual.worker", Bindable.of(WorkerProperties.class));
  }
}
