package dev.punctual.api.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import dev.punctual.api.testing.Jobs;
import dev.punctual.api.testing.RunningApi;
import dev.punctual.api.testing.TestServers;
import dev.punctual.embedded.FreePorts;
import dev.punctual.model.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The gateway of {@code docker-compose.gateway.yml} for real: Caddy with {@code
 * deploy/gateway/Caddyfile} terminates TLS with its internal CA in front of a started API that
 * trusts it (127.0.0.1). A client on 127.0.0.3 that claims another address in {@code
 * X-Forwarded-For} is audited as 127.0.0.3, and the API knows the request came over HTTPS.
 */
class GatewayIT {

  private static final Path CADDYFILE = Path.of("..", "deploy", "gateway", "Caddyfile");

  @TempDir static Path home;
  private static RunningApi api;
  private static Process caddy;
  private static HttpClient client;
  private static String gateway;

  @BeforeAll
  static void start() throws Exception {
    var arguments = new ArrayList<String>();
    arguments.addAll(TestServers.database("gateway"));
    arguments.addAll(TestServers.topics("gateway"));
    arguments.add("--punctual.api.trusted-proxies=127.0.0.1");
    api = RunningApi.start(arguments);
    int apiPort =
        api.context().getEnvironment().getRequiredProperty("local.server.port", Integer.class);

    int https = FreePorts.any();
    var command = new ProcessBuilder("caddy", "run", "--config", CADDYFILE.toString());
    command.redirectErrorStream(true).redirectOutput(home.resolve("caddy.log").toFile());
    var environment = command.environment();
    environment.put("HOME", home.toString());
    environment.put("XDG_DATA_HOME", home.resolve("data").toString());
    environment.put("XDG_CONFIG_HOME", home.resolve("config").toString());
    environment.put("PUNCTUAL_GATEWAY_SITE", "127.0.0.1");
    environment.put("PUNCTUAL_GATEWAY_HTTPS_PORT", String.valueOf(https));
    environment.put("PUNCTUAL_GATEWAY_HTTP_PORT", String.valueOf(FreePorts.any()));
    environment.put("PUNCTUAL_GATEWAY_UPSTREAM", "127.0.0.1:" + apiPort);
    try {
      caddy = command.start();
    } catch (IOException e) {
      var message =
          "caddy is not on the PATH, so the gateway cannot be tried: install it (Debian:"
              + " apt-get install caddy; .ci/run does so when it is absent)";
      if ("true".equals(System.getenv("CI"))) {
        fail(message, e);
      }
      Assumptions.abort(message);
    }
    gateway = "https://127.0.0.1:" + https;

    // the internal CA's root, which clients are given to trust (docs/operations.md)
    var root = home.resolve("data/caddy/pki/authorities/local/root.crt");
    await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(root) || !caddy.isAlive());
    assertThat(caddy.isAlive()).as("caddy runs: %s", log()).isTrue();
    client = trusting(root);
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> get("/actuator/health/readiness").statusCode() == 200);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (caddy != null) {
      caddy.destroy();
      if (!caddy.waitFor(10, TimeUnit.SECONDS)) {
        caddy.destroyForcibly();
      }
    }
    if (api != null) {
      api.close();
    }
  }

  @Test
  void theClientIsAuditedAsItsRealAddressWhateverItClaims() throws Exception {
    var id = "gateway-" + UUID.randomUUID();
    var created =
        client.send(
            HttpRequest.newBuilder(URI.create(gateway + "/jobs"))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", "6.6.6.6")
                .POST(
                    HttpRequest.BodyPublishers.ofString(Jobs.definition(id, "\"every\": \"PT1M\"")))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

    var audited =
        api.bean(JdbcClient.class)
            .sql("SELECT remote_address FROM audit_log WHERE job_id = ?")
            .param(id)
            .query(String.class)
            .single();
    assertThat(audited).isEqualTo("127.0.0.3");
  }

  @Test
  void theApiKnowsTheRequestCameOverHttps() throws Exception {
    var document = Json.MAPPER.readTree(get("/v3/api-docs").body());
    assertThat(document.path("servers").get(0).path("url").asString())
        .startsWith("https://127.0.0.1:");
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(gateway + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A client on 127.0.0.3 that trusts the gateway's internal CA and nothing else. */
  private static HttpClient trusting(Path root) throws Exception {
    var store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream in = Files.newInputStream(root)) {
      store.setCertificateEntry(
          "caddy-local", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    var tls = SSLContext.getInstance("TLS");
    tls.init(null, trust.getTrustManagers(), null);
    return HttpClient.newBuilder()
        .sslContext(tls)
        .localAddress(InetAddress.getByName("127.0.0.3"))
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  private static String log() throws IOException {
    var file = home.resolve("caddy.log");
    return Files.exists(file) ? Files.readString(file) : "";
  }
}
