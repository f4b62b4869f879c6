package dev.punctual.worker.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.punctual.model.event.ExecutionStatus;
import dev.punctual.model.job.HttpTarget;
import dev.punctual.worker.Fires;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DNS rebinding: a name whose DNS answer changes between lookups. The worker resolves it once,
 * checks that answer, and connects to exactly the address it checked; it never asks again and
 * connects elsewhere. Two endpoints on one port, on 127.0.0.1 (allowed here) and 127.0.0.2
 * (refused), tell which address a call reached.
 */
class DnsRebindingTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final String HOST = "rebinding.test";
  private static final InetAddress ALLOWED = address(127, 0, 0, 1);
  private static final InetAddress REFUSED = address(127, 0, 0, 2);

  private final List<String> allowedCalls = new CopyOnWriteArrayList<>();
  private final List<String> refusedCalls = new CopyOnWriteArrayList<>();
  private final AtomicInteger lookups = new AtomicInteger();
  private HttpServer allowed;
  private HttpServer refused;

  @BeforeEach
  void startEndpoints() throws IOException {
    allowed = endpoint(new InetSocketAddress(ALLOWED, 0), allowedCalls);
    refused =
        endpoint(new InetSocketAddress(REFUSED, allowed.getAddress().getPort()), refusedCalls);
  }

  @AfterEach
  void stopEndpoints() {
    allowed.stop(0);
    refused.stop(0);
  }

  @Test
  void connectsToTheCheckedAddressWhenTheNextAnswerWouldBeARefusedOne() throws IOException {
    // given a DNS server that answers the allowed address first, a refused one afterwards
    var rules = rules(ALLOWED, REFUSED);

    // when the worker calls the name
    var first = call(rules);

    // then the call went to the address that was checked, with the name as Host header
    assertThat(first.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(lookups).as("lookups for one call").hasValue(1);
    assertThat(allowedCalls).containsExactly(HOST + ":" + allowed.getAddress().getPort());
    assertThat(refusedCalls).as("calls that reached the refused address").isEmpty();

    // and a call on a new connection checks the new answer, and refuses it
    var second = call(rules);
    assertThat(second.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(refusedCalls).isEmpty();
    assertThat(second.error())
        .isEqualTo(
            "refused: rebinding.test resolves to 127.0.0.2, a loopback address; allow it with"
                + " punctual.worker.allowed-hosts=rebinding.test or punctual.worker.allowed-cidrs");
    assertThat(lookups).as("one lookup per connection").hasValue(2);
  }

  @Test
  void refusesWhenTheFirstAnswerIsRefusedWhateverTheNextOneSays() throws IOException {
    var rules = rules(REFUSED, ALLOWED);

    var outcome = call(rules);

    assertThat(outcome.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(outcome.retryable()).isFalse();
    assertThat(outcome.error()).startsWith("refused: rebinding.test resolves to 127.0.0.2");
    assertThat(allowedCalls).isEmpty();
    assertThat(refusedCalls).isEmpty();
    assertThat(lookups).as("the answer checked is the answer used").hasValue(1);
  }

  /**
   * Rules that allow 127.0.0.1 only, with a resolver answering {@code first}, then {@code next}.
   */
  private DestinationRules rules(InetAddress first, InetAddress next) {
    return new DestinationRules(
        List.of(),
        List.of(Cidr.parse("127.0.0.1/32")),
        host -> {
          assertThat(host).isEqualTo(HOST);
          return new InetAddress[] {lookups.getAndIncrement() == 0 ? first : next};
        });
  }

  /** One call on a client of its own, so that it opens a new connection. */
  private HttpOutcome call(DestinationCheck rules) throws IOException {
    var target = HttpTarget.post("http://" + HOST + ":" + allowed.getAddress().getPort() + "/run");
    try (var client = TargetHttpClient.create(rules, TIMEOUT)) {
      return new CallHttpTarget(client, TIMEOUT, 64).call(Fires.aFire("rebinding", target), target);
    }
  }

  /** An endpoint that records the Host header of every call and answers 200. */
  private static HttpServer endpoint(InetSocketAddress address, List<String> calls)
      throws IOException {
    var server = HttpServer.create(address, 0);
    server.createContext(
        "/",
        exchange -> {
          calls.add(exchange.getRequestHeaders().getFirst("Host"));
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
    return server;
  }

  private static InetAddress address(int a, int b, int c, int d) {
    try {
      return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
