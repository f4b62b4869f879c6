package dev.punctual.api.live;

import dev.punctual.api.openapi.JobId;
import dev.punctual.api.openapi.JobNotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The OpenAPI description of the live event streams. */
@Tag(name = "Executions", description = "The history of a job's runs")
interface LiveEventsApi {

  String EXAMPLE =
      """
      {"type": "finished", "jobId": "nightly-report", "fireId": "nightly-report@1804899600000",
       "attempt": 1, "trigger": "SCHEDULE", "status": "SUCCEEDED",
       "scheduledAt": "2027-03-13T01:00:00Z", "dueAt": "2027-03-13T01:00:00Z", "firedAt": null,
       "startedAt": "2027-03-13T01:00:00.010Z", "finishedAt": "2027-03-13T01:00:00.200Z",
       "workerId": "worker-1", "error": null}
      """;

  String STREAM =
      "A stream of server-sent events (`text/event-stream`): one event per fire (`event: fired`)"
          + " and per result (`event: finished`) as the API projects them, each with an `id`"
          + " (`<fireId>#<attempt>:<type>`) and a LiveEvent as JSON `data`; comment lines as a"
          + " heartbeat. Authenticate with the usual `Authorization: Bearer` header (browsers:"
          + " read the stream with fetch(), since EventSource cannot send headers; never put a"
          + " key in the URL). Only events that happen while connected are sent (no replay):"
          + " after a reconnect, reload the executions. A client that reads too slowly is"
          + " disconnected, and a stream ends after `punctual.api.events.timeout`; reconnect"
          + " then. Each instance serves at most `punctual.api.events.max-connections` streams"
          + " and answers 503 with Retry-After beyond.";

  /** The answers every stream operation documents. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @ApiResponse(
      responseCode = "200",
      description = "The stream; each event's data is a LiveEvent",
      content =
          @Content(
              mediaType = "text/event-stream",
              schema = @Schema(implementation = LiveEvent.class)))
  @ApiResponse(
      responseCode = "503",
      description = "This instance serves its maximum of streams; retry after Retry-After")
  @interface StreamResponses {}

  @Operation(
      operationId = "streamEvents",
      summary = "Follow the fires and results of every job you can read",
      description = STREAM)
  @StreamResponses
  SseEmitter all();

  @Operation(
      operationId = "streamJobEvents",
      summary = "Follow a job's fires and results",
      description = STREAM)
  @StreamResponses
  @JobNotFound
  SseEmitter job(@JobId String id);
}
