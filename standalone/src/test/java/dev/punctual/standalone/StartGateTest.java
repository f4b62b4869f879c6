package dev.punctual.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;

class StartGateTest {

  @Test
  void theApiStartsOnlyOnceTheSchedulerAndTheWorkerHaveStarted() {
    var servicesStarted = new CompletableFuture<Void>();
    var gate = new PunctualSystem.StartGate(servicesStarted);
    var passed = CompletableFuture.runAsync(gate::start);

    assertThat(gate.isRunning()).isFalse();
    servicesStarted.complete(null);

    await().atMost(Duration.ofSeconds(10)).until(passed::isDone);
    assertThat(passed).isNotCompletedExceptionally();
    assertThat(gate.isRunning()).isTrue();
  }

  @Test
  void aServiceThatFailedToStartKeepsTheApiClosed() {
    var gate =
        new PunctualSystem.StartGate(
            CompletableFuture.failedFuture(new IllegalStateException("scheduler broke")));

    assertThatThrownBy(gate::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not opening the API")
        .hasRootCauseMessage("scheduler broke");
    assertThat(gate.isRunning()).isFalse();
  }

  @Test
  void itsPhaseComesJustBeforeTheWebServers() {
    // Spring Boot starts the web server one phase step (1,024) below the graceful shutdown's phase
    var webServerPhase = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 1024;

    assertThat(new PunctualSystem.StartGate(new CompletableFuture<>()).getPhase())
        .isLessThan(webServerPhase)
        .isGreaterThan(webServerPhase - 1024);
  }
}
