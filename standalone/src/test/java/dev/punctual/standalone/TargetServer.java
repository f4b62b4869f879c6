package dev.punctual.standalone;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

/**
 * An HTTP endpoint on loopback that records every call a worker makes and answers 200; the first
 * call to a path under {@code /throttled/<seconds>/} answers 429 with {@code Retry-After:
 * <seconds>}.
 */
final class TargetServer implements AutoCloseable {

  /**
   * One received call.
   *
   * @param receivedAt when the call arrived
   * @param path the decoded path
   * @param uri the request URI as sent (percent-encoding kept)
   * @param headers every request header, names as the server reports them
   * @param body the request body
   * @param traceparent the W3C trace context the worker sent
   */
  record Call(
      Instant receivedAt,
      String path,
      String idempotencyKey,
      String jobId,
      String attempt,
      String authorization,
      String uri,
      Map<String, List<String>> headers,
      String body,
      String traceparent) {}

  private final HttpServer server;
  private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();

  TargetServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        exchange -> {
          var headers = exchange.getRequestHeaders();
          var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          var path = exchange.getRequestURI().getPath();
          var throttled = path.startsWith("/throttled/") && callsTo(path).isEmpty();
          calls.add(
              new Call(
                  Instant.now(),
                  path,
                  headers.getFirst("Idempotency-Key"),
                  headers.getFirst("X-Punctual-Job-Id"),
                  headers.getFirst("X-Punctual-Attempt"),
                  headers.getFirst("Authorization"),
                  exchange.getRequestURI().toString(),
                  Map.copyOf(headers),
                  body,
                  headers.getFirst("traceparent")));
          if (throttled) {
            exchange.getResponseHeaders().add("Retry-After", path.split("/")[2]);
            exchange.sendResponseHeaders(429, -1);
          } else {
            exchange.sendResponseHeaders(200, -1);
          }
          exchange.close();
        });
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  List<Call> callsTo(String path) {
    return calls.stream().filter(c -> c.path().equals(path)).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
