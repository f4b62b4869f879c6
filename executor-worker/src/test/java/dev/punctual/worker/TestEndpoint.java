package dev.punctual.worker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP endpoint on loopback that HTTP targets call, counting what the worker does to it: calls
 * per idempotency key, requests in progress at the same moment (and their maximum). A handler may
 * hold its answer for a while to play a slow endpoint; closing the endpoint releases every held
 * answer at once.
 */
public final class TestEndpoint implements AutoCloseable {

  private final HttpServer server;
  private final CountDownLatch closing = new CountDownLatch(1);
  private final Map<String, AtomicInteger> callsByKey = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Map<String, List<String>>> requestHeaders =
      new ConcurrentLinkedQueue<>();
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger inProgress = new AtomicInteger();
  private final AtomicInteger maxInProgress = new AtomicInteger();

  private TestEndpoint(HttpServer server) {
    this.server = server;
  }

  /** Starts an endpoint on a free loopback port, with room for many simultaneous connections. */
  public static TestEndpoint start() {
    try {
      var server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 2000);
      server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      var endpoint = new TestEndpoint(server);
      server.start();
      return endpoint;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code path} answers {@code status} with {@code body} at once. */
  public TestEndpoint answering(String path, int status, String body) {
    return answeringAfter(path, Duration.ZERO, status, body);
  }

  /** {@code path} answers {@code status} with {@code body} after {@code delay}. */
  public TestEndpoint answeringAfter(String path, Duration delay, int status, String body) {
    server.createContext(path, exchange -> handle(exchange, delay, status, body));
    return this;
  }

  /** {@code path} answers {@code status} with {@code body} and a {@code Retry-After} header. */
  public TestEndpoint answeringRetryAfter(String path, int status, String body, String retryAfter) {
    server.createContext(
        path,
        exchange -> {
          exchange.getResponseHeaders().add("Retry-After", retryAfter);
          handle(exchange, Duration.ZERO, status, body);
        });
    return this;
  }

  /** {@code path} answers {@code status} with the request's {@code header} as its body. */
  public TestEndpoint echoing(String path, int status, String header) {
    server.createContext(
        path,
        exchange ->
            handle(
                exchange,
                Duration.ZERO,
                status,
                "you sent " + exchange.getRequestHeaders().getFirst(header)));
    return this;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** How many requests arrived. */
  public int calls() {
    return calls.get();
  }

  /** How many requests arrived with this {@code Idempotency-Key}. */
  public int calls(String idempotencyKey) {
    var count = callsByKey.get(idempotencyKey);
    return count == null ? 0 : count.get();
  }

  /** Requests arrived per {@code Idempotency-Key}. */
  public Map<String, Integer> callsByKey() {
    var copy = new java.util.TreeMap<String, Integer>();
    callsByKey.forEach((key, count) -> copy.put(key, count.get()));
    return copy;
  }

  /** The headers of every request, in arrival order. */
  public List<Map<String, List<String>>> requestHeaders() {
    return List.copyOf(requestHeaders);
  }

  /** Requests being handled right now. */
  public int inProgress() {
    return inProgress.get();
  }

  /** The most requests that were handled at the same moment. */
  public int maxInProgress() {
    return maxInProgress.get();
  }

  private void handle(HttpExchange exchange, Duration delay, int status, String body)
      throws IOException {
    maxInProgress.accumulateAndGet(inProgress.incrementAndGet(), Math::max);
    try {
      exchange.getRequestBody().readAllBytes();
      calls.incrementAndGet();
      requestHeaders.add(Map.copyOf(exchange.getRequestHeaders()));
      var key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      callsByKey
          .computeIfAbsent(key == null ? "" : key, k -> new AtomicInteger())
          .incrementAndGet();
      if (!delay.isZero()) {
        // Plays a slow endpoint; closing the endpoint releases the answer early.
        closing.await(delay.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      inProgress.decrementAndGet();
    }
    var bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Answers every held request now, and later ones without delay. */
  public void release() {
    closing.countDown();
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
  }
}
