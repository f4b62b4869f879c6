package dev.punctual.api.job;

import dev.punctual.api.system.ProblemSchema;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.node.ObjectNode;

/** The OpenAPI description of the actions on one job. */
@Tag(name = "Job actions", description = "Pause, resume, trigger a job; look at its next runs")
interface JobActionsApi {

  String JSON = JobApi.JSON;
  String PROBLEM = JobApi.PROBLEM;

  @Operation(
      operationId = "pauseJob",
      summary = "Pause a job",
      description =
          "Stops scheduled fires (manual triggers still fire) by writing a new version with"
              + " `paused: true`. Pausing a paused job changes nothing.")
  @ApiResponse(
      responseCode = "200",
      description = "The job, paused",
      headers = @Header(name = "ETag", description = JobApi.ETAG),
      content =
          @Content(mediaType = JSON, schema = @Schema(implementation = JobSchemas.JobSchema.class)))
  @ApiResponse(
      responseCode = "404",
      description = "No such job",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
  @ApiResponse(
      responseCode = "412",
      description = "If-Match did not match the job's current ETag",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
  ResponseEntity<ObjectNode> pause(
      @Parameter(description = "job id", example = "nightly-report") String id,
      @Parameter(
              name = "If-Match",
              in = ParameterIn.HEADER,
              description = "only if the job's ETag is one of these",
              example = "\"3\"")
          @Nullable String ifMatch);

  @Operation(
      operationId = "resumeJob",
      summary = "Resume a job",
      description =
          "Writes a new version with `paused: false`; the job fires from its next occurrence"
              + " (occurrences missed while paused are not caught up). Resuming an active job"
              + " changes nothing.")
  @ApiResponse(
      responseCode = "200",
      description = "The job, active",
      headers = @Header(name = "ETag", description = JobApi.ETAG),
      content =
          @Content(mediaType = JSON, schema = @Schema(implementation = JobSchemas.JobSchema.class)))
  @ApiResponse(
      responseCode = "404",
      description = "No such job",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
  @ApiResponse(
      responseCode = "412",
      description = "If-Match did not match the job's current ETag",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
  ResponseEntity<ObjectNode> resume(
      @Parameter(description = "job id", example = "nightly-report") String id,
      @Parameter(
              name = "If-Match",
              in = ParameterIn.HEADER,
              description = "only if the job's ETag is one of these",
              example = "\"3\"")
          @Nullable String ifMatch);

  @Operation(
      operationId = "triggerJob",
      summary = "Run a job now",
      description =
          "Publishes a TRIGGER command (through the outbox, so it is durable before the answer);"
              + " the scheduler fires the job once, also when it is paused or completed. The"
              + " fire's id is `<jobId>@manual-<requestId>`; its execution appears under"
              + " /jobs/{id}/executions. With an `Idempotency-Key`, it is the request id, so a"
              + " retried trigger has the same fire id (and targets see the same Idempotency-Key).")
  @ApiResponse(
      responseCode = "202",
      description = "Accepted: the command will reach the scheduler",
      content =
          @Content(
              mediaType = JSON,
              schema = @Schema(implementation = JobSchemas.TriggerAcceptedSchema.class)))
  @ApiResponse(
      responseCode = "404",
      description = "No such job",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
  ResponseEntity<JobActionsController.TriggerAccepted> trigger(
      @Parameter(description = "job id", example = "nightly-report") String id,
      @Parameter(
              name = "Idempotency-Key",
              in = ParameterIn.HEADER,
              description = "used as the request id: 1 to 255 printable ASCII characters",
              example = "5f0c6a2e-1b7d-4a8e-9c1f-2f5d8e7a9b10")
          @Nullable String idempotencyKey);

  @Operation(
      operationId = "nextRuns",
      summary = "The job's next runs",
      description =
          "The next occurrences from now, computed with the scheduler's own schedule code:"
              + " honours `startAt`, `endAt`, `maxRuns` (with the runs so far) and daylight saving"
              + " time (a wall time in a spring-forward gap runs at the end of the gap; one that"
              + " occurs twice runs once). Empty when the job is paused or completed.")
  @ApiResponse(
      responseCode = "200",
      description = "The next runs, earliest first",
      content =
          @Content(
              mediaType = JSON,
              schema = @Schema(implementation = JobSchemas.NextRunsSchema.class)))
  @ApiResponse(
      responseCode = "400",
      description = "count outside 1 to 100",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
  @ApiResponse(
      responseCode = "404",
      description = "No such job",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
  JobActionsController.NextRuns nextRuns(
      @Parameter(description = "job id", example = "nightly-report") String id,
      @Parameter(
              description = "how many, 1 to 100 (default 10)",
              schema =
                  @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "10"))
          @Nullable Integer count);
}
