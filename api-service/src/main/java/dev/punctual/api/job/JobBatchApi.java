package dev.punctual.api.job;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/** The OpenAPI description of {@code POST /jobs/batch}. */
@Tag(name = "Jobs")
interface JobBatchApi {

  @Operation(
      operationId = "createJobs",
      summary = "Create many jobs at once",
      description =
          "Up to 1,000 definitions in one request (body at most 8 MiB, each definition at most"
              + " 256 KiB). Every item is validated first; the valid ones are created in one"
              + " transaction. Each item is reported in the request's order: 201 created, 200"
              + " existed with the same definition, 400 invalid, 409 exists with another"
              + " definition. Invalid or conflicting items do not stop the others. Give each job"
              + " an `id` to make the request safe to retry.")
  @RequestBody(
      content =
          @Content(
              schema = @Schema(implementation = JobSchemas.BatchRequestSchema.class),
              examples = @ExampleObject(name = "two jobs", value = JobExamples.BATCH)))
  @ApiResponse(
      responseCode = "200",
      description = "One item per job, in the request's order",
      content = @Content(schema = @Schema(implementation = JobSchemas.BatchResultSchema.class)))
  @ApiResponse(
      responseCode = "400",
      description =
          "The body is not `{\"jobs\":[…]}`, has unknown fields, or holds more than 1,000 jobs")
  JobBatch.Result createAll(byte[] body, HttpServletRequest request);
}
