package dev.punctual.standalone;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

/** An HTTP endpoint on loopback that records every call a worker makes and answers 200. */
final class TargetServer implements AutoCloseable {

  /** One received call. */
  record Call(
      String path,
      String idempotencyKey,
      String jobId,
      String attempt,
      String authorization,
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
          calls.add(
              new Call(
                  exchange.getRequestURI().getPath(),
                  headers.getFirst("Idempotency-Key"),
                  headers.getFirst("X-Punctual-Job-Id"),
                  headers.getFirst("X-Punctual-Attempt"),
                  headers.getFirst("Authorization"),
                  headers.getFirst("traceparent")));
          exchange.getRequestBody().readAllBytes();
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
