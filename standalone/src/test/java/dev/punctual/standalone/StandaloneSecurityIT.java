package dev.punctual.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * The standalone's API has no authentication by default, and then listens on loopback only, says so
 * in its banner, and limits no request rate.
 */
class StandaloneSecurityIT {

  @Test
  void withoutAuthenticationTheApiListensOnLoopbackOnlyAndTheBannerSaysSo() throws Exception {
    var system = SharedSystem.get();

    assertThat(system.apiSecured()).isFalse();
    var address = system.api().getEnvironment().getProperty("server.address");
    assertThat(InetAddress.getByName(address).isLoopbackAddress()).as(address).isTrue();
    assertThat(((WebServerApplicationContext) system.api()).getWebServer().getPort()).isPositive();
    assertThat(
            StandaloneApplication.describe(
                system, StandaloneProperties.forTests(java.nio.file.Path.of("data"))))
        .contains("no authentication: reachable from this machine only")
        .contains("--punctual.api.security.enabled=true");
  }

  @Test
  void withoutAuthenticationALocalClientIsNotRateLimited() throws Exception {
    var system = SharedSystem.get();
    var http = java.net.http.HttpClient.newHttpClient();

    // A limited API answers every request with RateLimit-* headers; this one answers none.
    for (int i = 0; i < 20; i++) {
      var answer =
          http.send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create(system.apiUrl() + "/jobs?limit=1"))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.discarding());
      assertThat(answer.statusCode()).as("request " + i).isEqualTo(200);
      assertThat(answer.headers().firstValue("RateLimit-Limit")).isEmpty();
    }
  }

  @Test
  void theSchedulersAndWorkersHealthAndMetricsNeedNoCredential() throws Exception {
    var system = SharedSystem.get();
    var http = java.net.http.HttpClient.newHttpClient();

    for (var url : java.util.List.of(system.schedulerUrl(), system.workerUrl())) {
      for (var path : java.util.List.of("/actuator/health", "/actuator/prometheus")) {
        var answer =
            http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + path)).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        assertThat(answer.statusCode()).as(url + path).isEqualTo(200);
      }
    }
  }
}
