package dev.punctual.api.live;

import dev.punctual.model.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/** A client of a server-sent event stream, as a test reads it: every event's data, as JSON. */
final class EventStream implements AutoCloseable {

  private final HttpResponse<Stream<String>> response;
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> reading;

  private EventStream(HttpResponse<Stream<String>> response) {
    this.response = response;
    this.reading =
        CompletableFuture.runAsync(
            () ->
                response
                    .body()
                    .filter(line -> line.startsWith("data:"))
                    .forEach(line -> events.add(Json.MAPPER.readTree(line.substring(5)))));
  }

  /** Connects to {@code path}; the answer's status tells whether the stream is open. */
  static EventStream open(int port, String path, String... headers) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Accept", "text/event-stream, application/problem+json");
    if (headers.length > 0) {
      request.headers(headers);
    }
    var response =
        HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofLines());
    return new EventStream(response);
  }

  int status() {
    return response.statusCode();
  }

  HttpResponse<?> response() {
    return response;
  }

  /** The events received so far, oldest first. */
  List<JsonNode> events() {
    return List.copyOf(events);
  }

  @Override
  public void close() {
    response.body().close();
    reading.cancel(true);
  }
}
