package dev.punctual.api.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request per connection, sending the request target and headers
 * exactly as given. Written by hand because every HTTP client library (the JDK's included) refuses
 * to send a malformed target such as {@code /jobs/%ZZ} or a header value with control characters,
 * which is exactly what the fuzz tests must send to reach Tomcat's own error paths.
 */
public final class RawHttp {

  private static final int TIMEOUT_MILLIS = 10_000;

  private final int port;

  public RawHttp(int port) {
    this.port = port;
  }

  /** A request as sent: method, target (path and query), headers (name to value), body bytes. */
  public record Request(String method, String target, Map<String, String> headers, byte[] body) {

    @Override
    public String toString() {
      var shownBody = new String(body, StandardCharsets.UTF_8);
      if (shownBody.length() > 300) {
        shownBody = shownBody.substring(0, 300) + "… (" + body.length + " bytes)";
      }
      return method + " " + target + " " + headers + " " + shownBody;
    }
  }

  /** An answer: status, headers (lower-case names) and body. */
  public record Answer(int status, Map<String, String> headers, String body) {

    public String contentType() {
      return headers.getOrDefault("content-type", "");
    }

    @Override
    public String toString() {
      return status + " " + contentType() + " " + body;
    }
  }

  public Answer send(Request request) {
    try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(TIMEOUT_MILLIS);
      var head = new StringBuilder();
      head.append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n");
      head.append("Host: localhost:").append(port).append("\r\n");
      request
          .headers()
          .forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
      head.append("Content-Length: ").append(request.body().length).append("\r\n");
      head.append("Connection: close\r\n\r\n");
      IOException writeFailure = null;
      try {
        var out = socket.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        out.write(request.body());
        out.flush();
      } catch (IOException e) {
        // The server may answer and close before it has read the whole request (a header over
        // its limit): the rest of the write then fails, but its answer is waiting to be read.
        writeFailure = e;
      }
      try {
        return read(socket.getInputStream(), request.method().equals("HEAD"));
      } catch (IOException e) {
        if (writeFailure != null) {
          e.addSuppressed(writeFailure);
        }
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("No answer to " + request, e);
    }
  }

  private static Answer read(InputStream in, boolean head) throws IOException {
    var all = in.readAllBytes();
    var text = new String(all, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new IOException("Not an HTTP answer: " + text);
    }
    var lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    var headers = new LinkedHashMap<String, String>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
    var body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
    if (!head && "chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = unchunk(body);
    }
    return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] unchunk(byte[] chunked) {
    var out = new ByteArrayOutputStream();
    int at = 0;
    while (at < chunked.length) {
      int lineEnd = indexOfCrlf(chunked, at);
      var sizeText = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1);
      int size = Integer.parseInt(sizeText.split(";")[0].trim(), 16);
      if (size == 0) {
        break;
      }
      out.write(chunked, lineEnd + 2, size);
      at = lineEnd + 2 + size + 2;
    }
    return out.toByteArray();
  }

  private static int indexOfCrlf(byte[] bytes, int from) {
    for (int i = from; i + 1 < bytes.length; i++) {
      if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
        return i;
      }
    }
    return bytes.length;
  }
}
