package dev.punctual.api.execution;

import dev.punctual.api.openapi.JobId;
import dev.punctual.api.openapi.JobNotFound;
import dev.punctual.api.openapi.PageCursor;
import dev.punctual.api.openapi.PageLimit;
import dev.punctual.api.system.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The OpenAPI description of a job's executions. */
@Tag(name = "Executions", description = "The history of a job's runs")
interface ExecutionApi {

  String EXAMPLE_EXECUTION =
      """
      {"fireId": "nightly-report@1804899600000", "attempt": 2, "trigger": "RETRY",
       "status": "SUCCEEDED", "scheduledAt": "2027-03-13T01:00:00Z",
       "dueAt": "2027-03-13T01:00:01Z", "startedAt": "2027-03-13T01:00:01.012Z",
       "finishedAt": "2027-03-13T01:00:01.250Z", "workerId": "worker-1",
       "detail": {"httpStatus": 200, "durationMs": 238}, "error": null}
      """;

  String EXAMPLE_FIRE =
      """
      {"fireId": "nightly-report@1804899600000", "jobId": "nightly-report", "attempts": [
        {"fireId": "nightly-report@1804899600000", "attempt": 1, "trigger": "SCHEDULE",
         "status": "FAILED", "scheduledAt": "2027-03-13T01:00:00Z",
         "dueAt": "2027-03-13T01:00:00Z", "startedAt": "2027-03-13T01:00:00.010Z",
         "finishedAt": "2027-03-13T01:00:00.200Z", "workerId": "worker-1",
         "detail": {"httpStatus": 503, "durationMs": 190}, "error": "HTTP 503"},
        {"fireId": "nightly-report@1804899600000", "attempt": 2, "trigger": "RETRY",
         "status": "FIRED", "scheduledAt": "2027-03-13T01:00:00Z",
         "dueAt": "2027-03-13T01:00:01Z", "startedAt": null, "finishedAt": null,
         "workerId": null, "detail": null, "error": null}]}
      """;

  @Operation(
      operationId = "listExecutions",
      summary = "List a job's executions",
      description =
          "One entry per attempt, newest first: it appears as FIRED when the scheduler fires it"
              + " and gets its outcome when the worker reports it on the results topic.")
  @ApiResponse(
      responseCode = "200",
      description = "A page of executions",
      content = @Content(schema = @Schema(implementation = ExecutionPageSchema.class)))
  @ApiResponse(responseCode = "400", description = "Invalid status, limit or cursor")
  @JobNotFound
  Page<Execution> list(
      @JobId String id,
      @Parameter(
              description = "only executions with this status",
              schema =
                  @Schema(
                      type = "string",
                      allowableValues = {"FIRED", "SUCCEEDED", "FAILED", "TIMED_OUT"}))
          @Nullable String status,
      @PageLimit @Nullable Integer limit,
      @PageCursor @Nullable String cursor);

  @Operation(
      operationId = "getFire",
      summary = "Every attempt of one fire",
      description =
          "A fire and its retries share the fire id; this lists its attempts, first one first.")
  @ApiResponse(responseCode = "200", description = "The fire's attempts")
  @ApiResponse(responseCode = "404", description = "No execution of such a fire is known")
  FireExecutions attempts(
      @Parameter(description = "fire id", example = "nightly-report@1804899600000") String fireId);

  @Schema(
      name = "ExecutionPage",
      example = "{\"items\": [" + EXAMPLE_EXECUTION + "], \"nextCursor\": null}")
  record ExecutionPageSchema(
      List<Execution> items,
      @Schema(description = "pass as `cursor` for the next page; null on the last page")
          @Nullable String nextCursor) {}
}
