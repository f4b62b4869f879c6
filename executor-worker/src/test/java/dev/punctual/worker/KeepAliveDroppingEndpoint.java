package dev.punctual.worker;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP endpoint that answers the first request of each connection and keeps the connection open,
 * but closes it without an answer when a second request arrives on it: what a server does that
 * drops idle keep-alive connections just as the client reuses one.
 */
final class KeepAliveDroppingEndpoint implements AutoCloseable {

  private final ServerSocket server;
  private final AtomicInteger answered = new AtomicInteger();
  private final AtomicInteger dropped = new AtomicInteger();

  KeepAliveDroppingEndpoint() {
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread.ofVirtual().start(this::accept);
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getLocalPort() + path;
  }

  /** Requests answered (the first of each connection). */
  int answered() {
    return answered.get();
  }

  /** Requests that arrived on a reused connection and were dropped. */
  int dropped() {
    return dropped.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        var socket = server.accept();
        Thread.ofVirtual().start(() -> serve(socket));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      var in = new BufferedInputStream(socket.getInputStream());
      readRequest(in);
      var body = "ok".getBytes(StandardCharsets.UTF_8);
      var out = socket.getOutputStream();
      out.write(
          ("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      answered.incrementAndGet();
      if (readRequest(in)) {
        dropped.incrementAndGet(); // and close without an answer
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  /** Reads one request; whether there was one (rather than the end of the stream). */
  private static boolean readRequest(InputStream in) throws IOException {
    var head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      if (head.size() >= 4 && head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
        break;
      }
    }
    if (b < 0) {
      return false;
    }
    int length = 0;
    for (var line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).strip());
      }
    }
    in.readNBytes(length);
    return true;
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
