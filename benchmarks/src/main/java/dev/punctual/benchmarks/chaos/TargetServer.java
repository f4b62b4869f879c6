package dev.punctual.benchmarks.chaos;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP target of the chaos jobs: a server on loopback that answers every call 200 and records
 * its {@code Idempotency-Key} (the fire id), so the checks can tell which fires reached their
 * target. The JDK's own server: the target needs no routing, only counting, and must not share a
 * framework's thread pools with the clients.
 */
public final class TargetServer implements AutoCloseable {

  /**
   * Idle keep-alive connections the JDK's server keeps: by default 200, fewer than the calls the
   * workers run at once (up to 1,000 each), so it closed most of their connections after a call. At
   * 2,000 fires/s the workers then spent 13 % of their CPU samples opening connections, 2.6 % with
   * this cap (docs/benchmarks.md, "Chaos"). Read once, when the JDK's server classes load; this
   * class is their first user in a benchmark JVM.
   */
  private static final String MAX_IDLE_CONNECTIONS = "sun.net.httpserver.maxIdleConnections";

  static {
    if (System.getProperty(MAX_IDLE_CONNECTIONS) == null) {
      System.setProperty(MAX_IDLE_CONNECTIONS, "20000");
    }
  }

  private final HttpServer server;
  private final Map<String, Boolean> keys = new ConcurrentHashMap<>();
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong withoutKey = new AtomicLong();

  private TargetServer(HttpServer server) {
    this.server = server;
  }

  public static TargetServer start() {
    try {
      var server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
      var target = new TargetServer(server);
      server.createContext(
          "/",
          exchange -> {
            try (exchange) {
              exchange.getRequestBody().readAllBytes();
              var key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
              target.calls.incrementAndGet();
              if (key == null) {
                target.withoutKey.incrementAndGet();
              } else {
                target.keys.put(key, Boolean.TRUE);
              }
              exchange.sendResponseHeaders(200, -1);
            }
          });
      server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      server.start();
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the HTTP target", e);
    }
  }

  /** The URL jobs call. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  /** Whether a call with this idempotency key (fire id) arrived. */
  public boolean called(String fireId) {
    return keys.containsKey(fireId);
  }

  /** Every call, including repeated ones (at-least-once execution). */
  public long calls() {
    return calls.get();
  }

  /** Calls without an {@code Idempotency-Key}: each one breaks guarantee 4. */
  public long callsWithoutKey() {
    return withoutKey.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
