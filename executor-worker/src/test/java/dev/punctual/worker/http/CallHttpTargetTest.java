package dev.punctual.worker.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.punctual.embedded.FreePorts;
import dev.punctual.model.event.ExecutionStatus;
import dev.punctual.model.job.HttpTarget;
import dev.punctual.worker.Fires;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.io.CloseMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallHttpTargetTest {

  private static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch releaseSlowAnswers = new CountDownLatch(1);
  private HttpServer server;
  private CloseableHttpClient client;
  private CallHttpTarget call;

  record Request(String method, String path, Map<String, List<String>> headers, String body) {}

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/ok", exchange -> answer(exchange, 200, "accepted"));
    server.createContext("/down", exchange -> answer(exchange, 503, "down for\nmaintenance"));
    server.createContext(
        "/status",
        exchange -> {
          // /status/<code>[/<Retry-After value, URL-encoded>]
          var parts = exchange.getRequestURI().getPath().split("/", 4);
          if (parts.length == 4) {
            exchange.getResponseHeaders().add("Retry-After", parts[3]);
          }
          answer(exchange, Integer.parseInt(parts[2]), "status " + parts[2]);
        });
    server.createContext("/large", exchange -> answer(exchange, 200, "x".repeat(10_000)));
    server.createContext("/huge", exchange -> answer(exchange, 200, "x".repeat(1 << 20)));
    server.createContext(
        "/moved",
        exchange -> {
          exchange.getResponseHeaders().add("Location", url("/ok"));
          answer(exchange, 302, "");
        });
    server.createContext(
        "/slow",
        exchange -> {
          try {
            // The endpoint answers only when the test ends: slower than any timeout used here.
            releaseSlowAnswers.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          answer(exchange, 200, "too late");
        });
    server.start();
    client = TargetHttpClient.create(DestinationCheck.ALLOW_ALL, MAX_TIMEOUT);
    call = new CallHttpTarget(client, MAX_TIMEOUT, 4096);
  }

  @AfterEach
  void stopServer() {
    releaseSlowAnswers.countDown();
    server.stop(0);
    client.close(CloseMode.IMMEDIATE);
  }

  @Test
  void succeedsOn2xxWithDetailAndSendsTheIdempotencyAndPunctualHeaders() {
    var target =
        new HttpTarget(
            "PUT",
            url("/ok"),
            Map.of("Content-Type", "application/json"),
            "{\"kind\":\"daily\"}",
            Duration.ofSeconds(5));
    var fire = Fires.aFire("report", target);

    var outcome = call.call(fire, target);

    assertThat(outcome.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(outcome.error()).isNull();
    assertThat(outcome.detail().get("httpStatus").asInt()).isEqualTo(200);
    assertThat(outcome.detail().get("body").asString()).isEqualTo("accepted");
    assertThat(outcome.detail().get("bodyTruncated").asBoolean()).isFalse();
    assertThat(outcome.detail().get("durationMs").asLong()).isNotNegative();
    assertThat(requests).hasSize(1);
    var request = requests.getFirst();
    assertThat(request.method()).isEqualTo("PUT");
    assertThat(request.body()).isEqualTo("{\"kind\":\"daily\"}");
    assertThat(request.headers().get("Idempotency-key")).containsExactly(fire.fireId());
    assertThat(request.headers().get("X-punctual-job-id")).containsExactly("report");
    assertThat(request.headers().get("X-punctual-scheduled-at"))
        .containsExactly("2027-03-13T07:30:00Z");
    assertThat(request.headers().get("X-punctual-attempt")).containsExactly("1");
    assertThat(request.headers().get("Content-type")).containsExactly("application/json");
  }

  @Test
  void failsOnAnErrorStatusWithAnExcerptOfTheBody() {
    var target = HttpTarget.post(url("/down"));

    var outcome = call.call(Fires.aFire("report", target), target);

    assertThat(outcome.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(outcome.error()).isEqualTo("HTTP 503: down for maintenance");
    assertThat(outcome.detail().get("httpStatus").asInt()).isEqualTo(503);
    assertThat(outcome.detail().get("body").asString()).isEqualTo("down for\nmaintenance");
  }

  @Test
  void keepsOnlyTheFirstBytesOfALargeBody() {
    var excerpt = new CallHttpTarget(client, MAX_TIMEOUT, 16);
    var target = HttpTarget.post(url("/large"));

    var outcome = excerpt.call(Fires.aFire("report", target), target);

    assertThat(outcome.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(outcome.detail().get("body").asString()).isEqualTo("x".repeat(16));
    assertThat(outcome.detail().get("bodyTruncated").asBoolean()).isTrue();
  }

  @Test
  void aBodyFarLongerThanTheExcerptIsNotReadAndTheCallStillSucceeds() {
    var target = HttpTarget.post(url("/huge"));

    var outcome = call.call(Fires.aFire("report", target), target);

    assertThat(outcome.status()).as(outcome.error()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(outcome.detail().get("bodyTruncated").asBoolean()).isTrue();
  }

  @Test
  void timesOutWhenTheEndpointAnswersTooLate() {
    var target = new HttpTarget("POST", url("/slow"), Map.of(), null, Duration.ofMillis(300));

    long start = System.nanoTime();
    var outcome = call.call(Fires.aFire("report", target), target);

    assertThat(outcome.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    assertThat(outcome.error()).isEqualTo("no response within 0.3 s");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void capsTheTimeoutOfATargetToTheMaximum() {
    var capped = new CallHttpTarget(client, Duration.ofMillis(200), 16);
    var target = new HttpTarget("POST", url("/slow"), Map.of(), null, Duration.ofMinutes(10));

    var outcome = capped.call(Fires.aFire("report", target), target);

    assertThat(outcome.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    assertThat(outcome.error()).isEqualTo("no response within 0.2 s");
  }

  @Test
  void failsWithConnectionRefusedWhenNothingListens() {
    int closedPort = FreePorts.orFree(0);
    var target = HttpTarget.post("http://127.0.0.1:" + closedPort + "/run");

    var outcome = call.call(Fires.aFire("report", target), target);

    assertThat(outcome.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(outcome.error()).isEqualTo("connection refused: 127.0.0.1:" + closedPort);
    assertThat(outcome.detail().has("httpStatus")).isFalse();
  }

  @Test
  void failsSayingSoWhenTheEndpointClosesTheConnectionWithoutAnAnswer() throws IOException {
    try (var hangingUp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual()
          .start(
              () -> {
                try (var socket = hangingUp.accept()) {
                  // Reads the whole request (no body), so that closing sends no reset; no answer.
                  var in =
                      new BufferedReader(
                          new InputStreamReader(
                              socket.getInputStream(), StandardCharsets.US_ASCII));
                  for (var line = in.readLine(); line != null && !line.isEmpty(); ) {
                    line = in.readLine();
                  }
                } catch (IOException e) {
                  // the test ends
                }
              });
      var target = HttpTarget.post("http://127.0.0.1:" + hangingUp.getLocalPort() + "/run");

      var outcome = call.call(Fires.aFire("report", target), target);

      assertThat(outcome.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(outcome.error())
          .isEqualTo(
              "the connection to 127.0.0.1:"
                  + hangingUp.getLocalPort()
                  + " was closed before an answer arrived");
    }
  }

  @Test
  void failsSayingSoWhenTheHostIsUnknown() {
    var target =
        new HttpTarget(
            "POST", "http://no-such-host.invalid/run", Map.of(), null, Duration.ofSeconds(10));

    var outcome = call.call(Fires.aFire("report", target), target);

    assertThat(outcome.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(outcome.error()).isEqualTo("unknown host: no-such-host.invalid cannot be resolved");
  }

  @Test
  void doesNotFollowRedirects() {
    var target = HttpTarget.post(url("/moved"));

    var outcome = call.call(Fires.aFire("report", target), target);

    assertThat(outcome.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(outcome.error())
        .isEqualTo("HTTP 302: redirects are not followed (Location: " + url("/ok") + ")");
    assertThat(requests).extracting(Request::path).containsExactly("/moved");
  }

  @Test
  void refusedDestinationsAreNotCalled() throws IOException {
    var target = HttpTarget.post(url("/ok"));

    HttpOutcome outcome;
    try (var refusing =
        TargetHttpClient.create(
            host -> {
              throw new RefusedDestinationException(
                  DestinationCheck.Refusal.of(host + " is not allowed"));
            },
            MAX_TIMEOUT)) {
      outcome =
          new CallHttpTarget(refusing, MAX_TIMEOUT, 16).call(Fires.aFire("report", target), target);
    }

    assertThat(outcome.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(outcome.error()).isEqualTo("127.0.0.1 is not allowed");
    assertThat(outcome.retryable()).as("refused again on every attempt").isFalse();
    assertThat(requests).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "400, false",
    "401, false",
    "403, false",
    "404, false",
    "405, false",
    "409, false",
    "410, false",
    "422, false",
    "408, true",
    "425, true",
    "429, true",
    "500, true",
    "502, true",
    "503, true",
    "504, true",
    "302, true"
  })
  void a4xxAnswerIsFinalExceptTimeoutTooEarlyAndTooManyRequests(int status, boolean retryable) {
    var target = HttpTarget.post(url("/status/" + status));

    var outcome = call.call(Fires.aFire("report", target), target);

    assertThat(outcome.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(outcome.error()).startsWith("HTTP " + status);
    assertThat(outcome.retryable()).isEqualTo(retryable);
    assertThat(outcome.retryAfter()).isNull();
  }

  @Test
  void retryAfterOn429And503IsReadInSecondsOrAsAnHttpDate() {
    var now = Instant.parse("2027-03-13T07:30:00Z");
    var timed = new CallHttpTarget(client, MAX_TIMEOUT, 64, Clock.fixed(now, ZoneOffset.UTC));

    assertThat(retryAfter(timed, "/status/429/120")).isEqualTo(now.plusSeconds(120));
    assertThat(retryAfter(timed, "/status/503/Sat,%2013%20Mar%202027%2008:00:00%20GMT"))
        .isEqualTo(Instant.parse("2027-03-13T08:00:00Z"));
    assertThat(retryAfter(timed, "/status/503/Sat,%2013%20Mar%202027%2007:00:00%20GMT"))
        .as("a date already past asks for nothing")
        .isNull();
    assertThat(retryAfter(timed, "/status/429/soon")).isNull();
    assertThat(retryAfter(timed, "/status/500/120")).as("only 429 and 503").isNull();
  }

  private Instant retryAfter(CallHttpTarget timed, String path) {
    var target = HttpTarget.post(url(path));
    return timed.call(Fires.aFire("report", target), target).retryAfter();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private void answer(HttpExchange exchange, int status, String body) throws IOException {
    var received = exchange.getRequestBody().readAllBytes();
    requests.add(
        new Request(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            Map.copyOf(exchange.getRequestHeaders()),
            new String(received, StandardCharsets.UTF_8)));
    var bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
