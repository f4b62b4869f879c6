package dev.punctual.api.job;

import dev.punctual.api.openapi.JobId;
import dev.punctual.api.openapi.JobNotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.node.ObjectNode;

/** The OpenAPI description of the actions on one job. */
@Tag(
    name = "Job actions",
    description = "Pause, resume, trigger, backfill a job; look at its next runs")
interface JobActionsApi {

  /** What {@code If-Match} does for pause and resume. */
  String IF_MATCH = "only if one of these ETags names the definition's current version";

  @Operation(
      operationId = "pauseJob",
      summary = "Pause a job",
      description =
          "Stops scheduled fires (manual triggers still fire) by writing a new version with"
              + " `paused: true`. Pausing a paused job changes nothing.")
  @JobDocs.Changed("The job, paused")
  ResponseEntity<ObjectNode> pause(
      @JobId String id, @JobDocs.IfMatch(IF_MATCH) @Nullable String ifMatch);

  @Operation(
      operationId = "resumeJob",
      summary = "Resume a job",
      description =
          "Writes a new version with `paused: false`; the job fires from its next occurrence"
              + " (occurrences missed while paused are not caught up). Resuming an active job"
              + " changes nothing.")
  @JobDocs.Changed("The job, active")
  ResponseEntity<ObjectNode> resume(
      @JobId String id, @JobDocs.IfMatch(IF_MATCH) @Nullable String ifMatch);

  @Operation(
      operationId = "triggerJob",
      summary = "Run a job now",
      description =
          "Publishes a TRIGGER command (through the outbox, so it is durable before the answer);"
              + " the scheduler fires the job once, also when it is paused or completed. The"
              + " fire's id is `<jobId>@manual-<requestId>`; its execution appears under"
              + " /jobs/{id}/executions. With an `Idempotency-Key`, it is the request id, so a"
              + " retried trigger has the same fire id (and targets see the same Idempotency-Key);"
              + " the same key with another body is refused (422). An optional body `{\"parameters\": {…}}` replaces the job's `parameters` for"
              + " this fire only; no body, `{}` or `\"parameters\": null` keep the job's own.",
      requestBody =
          @RequestBody(
              required = false,
              content =
                  @Content(
                      schema = @Schema(implementation = JobSchemas.TriggerSchema.class),
                      examples =
                          @ExampleObject(
                              name = "parameters",
                              summary = "Run now for another region",
                              value = JobExamples.TRIGGER))))
  @ApiResponse(responseCode = "202", description = "Accepted: the command will reach the scheduler")
  @ApiResponse(
      responseCode = "400",
      description =
          "The body is not a JSON object with an object `parameters` (and nothing else), or the"
              + " Idempotency-Key is invalid")
  @ApiResponse(
      responseCode = "422",
      description =
          "The Idempotency-Key was used for another request to this job within the key retention"
              + " (other parameters, or a backfill)")
  @JobNotFound
  ResponseEntity<JobActionsController.TriggerAccepted> trigger(
      @JobId String id,
      byte @Nullable [] body,
      @JobDocs.IdempotencyKey("used as the request id: 1 to 255 printable ASCII characters")
          @Nullable String idempotencyKey);

  @Operation(
      operationId = "backfillJob",
      summary = "Run a job's past occurrences",
      description =
          "Publishes a BACKFILL command (through the outbox, so it is durable before the answer):"
              + " the scheduler fires every occurrence of the job's schedule in [`from`, `to`),"
              + " oldest first, with trigger `BACKFILL` and the fire id of the occurrence,"
              + " `<jobId>@<scheduledAt epoch millis>`, so an idempotent target can drop"
              + " occurrences it already ran. Also for a paused job. The range must hold 1 to"
              + " 1,000 occurrences, counted with the schedule the job has now. With an"
              + " `Idempotency-Key`, it is the request id.",
      requestBody =
          @RequestBody(
              required = true,
              content =
                  @Content(
                      schema = @Schema(implementation = JobSchemas.BackfillSchema.class),
                      examples =
                          @ExampleObject(
                              name = "one week",
                              summary = "The first week of March",
                              value = JobExamples.BACKFILL))))
  @ApiResponse(responseCode = "202", description = "Accepted: the command will reach the scheduler")
  @ApiResponse(
      responseCode = "400",
      description =
          "`from` or `to` missing or not an ISO-8601 instant, `to` not after `from`, no occurrence"
              + " or more than 1,000 in the range; `errors` names the field")
  @ApiResponse(
      responseCode = "422",
      description =
          "The Idempotency-Key was used for another request to this job within the key retention"
              + " (another range, or a trigger)")
  @JobNotFound
  ResponseEntity<JobActionsController.TriggerAccepted> backfill(
      @JobId String id,
      byte @Nullable [] body,
      @JobDocs.IdempotencyKey("used as the request id: 1 to 255 printable ASCII characters")
          @Nullable String idempotencyKey);

  @Operation(
      operationId = "nextRuns",
      summary = "The job's next runs",
      description =
          "The next occurrences from now, computed with the scheduler's own schedule code:"
              + " honours `startAt`, `endAt`, `maxRuns` (with the runs so far) and daylight saving"
              + " time (a wall time in a spring-forward gap runs at the end of the gap; one that"
              + " occurs twice runs once, unless the job's `daylightSaving` says otherwise). Each"
              + " occurrence comes with when it is due: later by the job's `jitter` offset, the"
              + " same the scheduler uses. Empty when the job is paused or completed.")
  @ApiResponse(responseCode = "200", description = "The next runs, earliest first")
  @ApiResponse(responseCode = "400", description = "count outside 1 to 100")
  @JobNotFound
  JobActionsController.NextRuns nextRuns(
      @JobId String id,
      @Parameter(
              description = "how many, 1 to 100 (default 10)",
              schema =
                  @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "10"))
          @Nullable Integer count);
}
