package dev.punctual.standalone;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

/** An HTTP endpoint on loopback that records every call a worker makes and answers 200. */
final class TargetServer implements AutoCloseable {

  /**
   * One received call.
   *
   * @param path the decoded path
   * @param uri the request URI as sent (percent-encoding kept)
   * @param headers every request header, names as the server reports them
   */
  record Call(
      String path,
      String idempotencyKey,
      String jobId,
      String attempt,
      String authorization,
      String uri,
      Map<String, List<String>> headers,
      String body) {}

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
          calls.add(
              new Call(
                  exchange.getRequestURI().getPath(),
                  headers.getFirst("Idempotency-Key"),
                  headers.getFirst("X-Punctual-Job-Id"),
                  headers.getFirst("X-Punctual-Attempt"),
                  headers.getFirst("Authorization"),
                  exchange.getRequestURI().toString(),
                  Map.copyOf(headers),
                  body));
          exchange.sendResponseHeaders(200, -1);
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
