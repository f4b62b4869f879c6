package dev.punctual.benchmarks.measure;

import dev.punctual.model.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The REST API as a client uses it: plain JSON over HTTP, jobs created through {@code POST
 * /jobs/batch} as a user loading many jobs would, and the API's own metrics read from its
 * management endpoints.
 */
public final class ApiClient {

  /** Jobs per {@code POST /jobs/batch} request. */
  public static final int BATCH_SIZE = 1_000;

  private final HttpClient http =
      HttpClient.newBuilder()
          .executor(Executors.newVirtualThreadPerTaskExecutor())
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /**
   * Creates {@code <prefix>0 … <prefix>(count-1)} in batches of {@link #BATCH_SIZE}; a batch the
   * rate limit refuses (429) is sent again after its {@code Retry-After}.
   *
   * @return how many jobs the API created
   */
  public int createInBatches(String api, int count, IntFunction<String> definition) {
    int created = 0;
    for (int first = 0; first < count; first += BATCH_SIZE) {
      var body =
          IntStream.range(first, Math.min(count, first + BATCH_SIZE))
              .mapToObj(definition)
              .collect(Collectors.joining(",", "{\"jobs\":[", "]}"));
      var response = post(api + "/jobs/batch", body);
      while (response.statusCode() == 429) {
        pause(response.headers().firstValueAsLong("Retry-After").orElse(1));
        response = post(api + "/jobs/batch", body);
      }
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "POST /jobs/batch answered " + response.statusCode() + ": " + response.body());
      }
      created += countCreated(response.body());
    }
    return created;
  }

  /** Jobs a batch answer reports as created (201) or already there as given (200). */
  public static int countCreated(String body) {
    int count = 0;
    for (var item : Json.MAPPER.readTree(body).path("items")) {
      int status = item.path("status").asInt();
      if (status == 201 || status == 200) {
        count++;
      }
    }
    return count;
  }

  /** Job changes in PostgreSQL not yet on Kafka, from the API's metrics; -1 if not reported. */
  public long outboxBacklog(String managementUrl) {
    for (var line : get(managementUrl + "/actuator/prometheus").body().split("\n")) {
      if (line.startsWith("punctual_api_outbox_backlog")) {
        return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return -1;
  }

  public HttpResponse<String> post(String url, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  public HttpResponse<String> get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("the API did not answer " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void pause(long seconds) {
    try {
      Thread.sleep(Duration.ofSeconds(Math.max(1, seconds)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
