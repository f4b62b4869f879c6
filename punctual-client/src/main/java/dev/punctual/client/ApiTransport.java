package dev.punctual.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Sends requests to the API: the base URI, the credential, the timeout and the headers every
 * request carries, and error answers turned into {@link PunctualApiException}s.
 */
final class ApiTransport {

  /** An answer the API gave with a 2xx status. */
  record Answer(int status, HttpHeaders headers, byte[] body) {}

  /** A query parameter; left out when its value is {@code null}. */
  record Param(String name, @Nullable Object value) {}

  private final HttpClient http;
  private final URI base;
  private final @Nullable String apiKey;
  private final Duration requestTimeout;
  private final Clock clock;

  ApiTransport(
      HttpClient http, URI base, @Nullable String apiKey, Duration requestTimeout, Clock clock) {
    var text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    this.http = http;
    this.apiKey = apiKey;
    this.requestTimeout = requestTimeout;
    this.clock = clock;
  }

  /**
   * Sends a request and answers its 2xx answer.
   *
   * @param path the path and query, starting with {@code /}, its parts already encoded
   * @param json the body, {@code null} for none
   * @param headers more headers, such as {@code Idempotency-Key} or {@code If-Match}
   * @throws PunctualApiException when the API refuses the request
   * @throws UncheckedIOException when the API cannot be reached or does not answer in time
   */
  Answer send(String method, String path, byte @Nullable [] json, Map<String, String> headers) {
    var request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(requestTimeout)
            .header("Accept", "application/json, application/problem+json")
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    headers.forEach(request::header);
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + base + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(
          new InterruptedIOException("interrupted while waiting for " + method + " " + path));
    }
    int status = response.statusCode();
    if (status / 100 != 2) {
      throw Problems.toException(status, response.headers(), response.body(), clock.instant());
    }
    return new Answer(status, response.headers(), response.body());
  }

  /** {@code value} encoded as one path segment. */
  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A query string ({@code ?a=1&b=2}, empty for none) of the pairs whose value is not null. */
  static String query(List<Param> parameters) {
    var pairs =
        parameters.stream()
            .filter(pair -> pair.value() != null)
            .map(
                pair ->
                    URLEncoder.encode(pair.name(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(String.valueOf(pair.value()), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return pairs.isEmpty() ? "" : "?" + pairs;
  }
}
