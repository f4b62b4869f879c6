package dev.punctual.worker.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.punctual.model.event.ExecutionStatus;
import dev.punctual.model.job.HttpTarget;
import dev.punctual.worker.Fires;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS through the pinned connection: the worker connects to the address its check approved, yet
 * the TLS server name and the certificate check use the URL's host name. An endpoint on loopback
 * with a certificate for {@code localhost} (made by the JDK's keytool) answers a call to {@code
 * localhost} and fails the handshake for another name that resolves to the very same address.
 */
class HttpsTargetTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final char[] PASSWORD = "changeit".toCharArray();

  @TempDir Path dir;
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private HttpsServer server;
  private SSLContext clientTls;

  @BeforeEach
  void startEndpoint() throws Exception {
    var keys = keyStoreForLocalhost();
    var keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, PASSWORD);
    var serverTls = SSLContext.getInstance("TLS");
    serverTls.init(keyManagers.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
    server.createContext(
        "/",
        exchange -> {
          calls.add(exchange.getRequestHeaders().getFirst("Host"));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();

    var trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("endpoint", keys.getCertificate("endpoint"));
    var trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trusted);
    clientTls = SSLContext.getInstance("TLS");
    clientTls.init(null, trustManagers.getTrustManagers(), null);
  }

  @AfterEach
  void stopEndpoint() {
    server.stop(0);
  }

  @Test
  void verifiesTheCertificateAgainstTheUrlsHostNameNotTheAddressConnectedTo() throws IOException {
    var port = server.getAddress().getPort();

    var named = call("https://localhost:" + port + "/run");
    var otherName = call("https://other-name.test:" + port + "/run");

    assertThat(named.status()).as(named.error()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(calls).containsExactly("localhost:" + port);
    assertThat(otherName.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(otherName.error())
        .startsWith("TLS handshake with other-name.test:" + port + " failed");
  }

  /** A call whose host, whatever its name, resolves to loopback only. */
  private HttpOutcome call(String url) throws IOException {
    var target = HttpTarget.post(url);
    DestinationCheck loopback = host -> new InetAddress[] {InetAddress.getLoopbackAddress()};
    try (var client =
        TargetHttpClient.create(loopback, TIMEOUT, new DefaultClientTlsStrategy(clientTls))) {
      return new CallHttpTarget(client, TIMEOUT, 64).call(Fires.aFire("tls", target), target);
    }
  }

  /** A key pair and a self-signed certificate for {@code localhost}, made by keytool. */
  private KeyStore keyStoreForLocalhost() throws Exception {
    var file = dir.resolve("endpoint.p12");
    var keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    var process =
        new ProcessBuilder(
                keytool,
                "-genkeypair",
                "-alias",
                "endpoint",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                file.toString(),
                "-storepass",
                new String(PASSWORD),
                "-keypass",
                new String(PASSWORD))
            .redirectErrorStream(true)
            .start();
    var output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    var keys = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(file)) {
      keys.load(in, PASSWORD);
    }
    return keys;
  }
}
