package dev.punctual.api.testing;

import dev.punctual.model.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Plain HTTP calls to the running application, as a client would make them. */
public final class ApiClient {

  private final HttpClient http;
  private final String base;

  public ApiClient(int port) {
    this(port, null);
  }

  private ApiClient(int port, @Nullable InetAddress from) {
    var builder =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(5));
    if (from != null) {
      builder.localAddress(from);
    }
    this.http = builder.build();
    this.base = from == null ? "http://localhost:" + port : "http://127.0.0.1:" + port;
  }

  /**
   * A client of the API on 127.0.0.1 that connects from the local address {@code from}, such as
   * 127.0.0.2: a second sender on loopback, for tests of who sent a request.
   */
  public static ApiClient from(InetAddress from, int port) {
    return new ApiClient(port, from);
  }

  /** An answer: status, headers and body. */
  public record Answer(int status, HttpResponse<String> response) {
    public JsonNode json() {
      return Json.MAPPER.readTree(response.body());
    }

    public String body() {
      return response.body();
    }

    public String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    public String contentType() {
      return header("Content-Type");
    }

    /** The {@code field}s of the problem's {@code errors}. */
    public java.util.List<String> errorFields() {
      var fields = new java.util.ArrayList<String>();
      json().path("errors").forEach(e -> fields.add(e.get("field").asString()));
      return fields;
    }

    @Override
    public String toString() {
      return status + " " + response.body();
    }
  }

  public Answer get(String path, String... headers) {
    return send(request(path, headers).GET());
  }

  public Answer post(String path, String json, String... headers) {
    return send(
        request(path, headers)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** A POST without a body. */
  public Answer post(String path) {
    return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
  }

  public Answer put(String path, String json, String... headers) {
    return send(
        request(path, headers)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Answer delete(String path, String... headers) {
    return send(request(path, headers).DELETE());
  }

  /** A POST whose body is sent chunked, without Content-Length. */
  public Answer postChunked(String path, String json) {
    var bytes = json.getBytes(StandardCharsets.UTF_8);
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));
  }

  /**
   * A request of any method, with a JSON body unless {@code json} is {@code null}, and the given
   * headers as name, value, name, value…
   */
  public Answer send(String method, String path, String json, String... headers) {
    var request = request(path, headers);
    if (json == null) {
      return send(request.method(method, HttpRequest.BodyPublishers.noBody()));
    }
    return send(
        request
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json)));
  }

  /** A request with the given headers, as name, value, name, value… */
  private HttpRequest.Builder request(String path, String... headers) {
    var builder = HttpRequest.newBuilder(URI.create(base + path));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return builder;
  }

  private Answer send(HttpRequest.Builder request) {
    try {
      var response =
          http.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
