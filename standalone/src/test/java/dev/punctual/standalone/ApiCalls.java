package dev.punctual.standalone;

import dev.punctual.model.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Calls to the standalone system's REST API, made as a client makes them. */
final class ApiCalls {

  private static final HttpClient http = HttpClient.newHttpClient();

  private ApiCalls() {}

  /** Sends a request with an optional JSON body and answers the response as text. */
  static HttpResponse<String> send(
      PunctualSystem system, String method, String path, @Nullable String json) {
    return send(system, method, path, json, new String[0]);
  }

  /** {@link #send} with further headers, as name, value pairs. */
  static HttpResponse<String> send(
      PunctualSystem system, String method, String path, @Nullable String json, String... headers) {
    var builder =
        HttpRequest.newBuilder(URI.create(system.apiUrl() + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json");
    if (headers.length > 0) {
      builder.headers(headers);
    }
    var request =
        builder
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    return Json.MAPPER.readTree(response.body());
  }
}
