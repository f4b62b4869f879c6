package dev.punctual.api.job;

import dev.punctual.api.system.Page;
import dev.punctual.api.system.ProblemSchema;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.node.ObjectNode;

/** The OpenAPI description of {@code /jobs}, kept apart from the controller's logic. */
@Tag(name = "Jobs", description = "Define, list, read and delete jobs")
interface JobApi {

  String JSON = "application/json";
  String PROBLEM = "application/problem+json";

  @Operation(
      operationId = "createJob",
      summary = "Create a job",
      description =
          "Stores the definition and publishes it to the jobs topic. Sending the same definition"
              + " again answers 200 with the existing job; a different definition under an"
              + " existing id is a conflict.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = JSON,
                      schema = @Schema(implementation = JobSchemas.DefinitionSchema.class),
                      examples =
                          @ExampleObject(
                              name = "nightly-report",
                              value = JobSchemas.EXAMPLE_DEFINITION))))
  @ApiResponse(
      responseCode = "201",
      description = "Created",
      headers = @Header(name = "Location", description = "/jobs/{id}"),
      content =
          @Content(mediaType = JSON, schema = @Schema(implementation = JobSchemas.JobSchema.class)))
  @ApiResponse(
      responseCode = "200",
      description = "The job already exists with this definition",
      content =
          @Content(mediaType = JSON, schema = @Schema(implementation = JobSchemas.JobSchema.class)))
  @ApiResponse(
      responseCode = "400",
      description = "Invalid definition or malformed JSON; `errors` names the fields",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
  @ApiResponse(
      responseCode = "409",
      description = "A job with this id exists with another definition",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
  ResponseEntity<ObjectNode> create(byte[] body);

  @Operation(
      operationId = "listJobs",
      summary = "List jobs",
      description = "Ordered by id, one page at a time.")
  @ApiResponse(
      responseCode = "200",
      description = "A page of jobs",
      content =
          @Content(
              mediaType = JSON,
              schema = @Schema(implementation = JobSchemas.JobPageSchema.class)))
  @ApiResponse(
      responseCode = "400",
      description = "Invalid limit or cursor",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
  Page<ObjectNode> list(
      @Parameter(description = "page size, 1 to 500 (default 50)") @Nullable Integer limit,
      @Parameter(description = "`nextCursor` of the previous page") @Nullable String cursor);

  @Operation(operationId = "getJob", summary = "Read a job")
  @ApiResponse(
      responseCode = "200",
      description = "The job",
      content =
          @Content(mediaType = JSON, schema = @Schema(implementation = JobSchemas.JobSchema.class)))
  @ApiResponse(
      responseCode = "404",
      description = "No such job",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
  ObjectNode get(@Parameter(description = "job id", example = "nightly-report") String id);

  @Operation(
      operationId = "deleteJob",
      summary = "Delete a job",
      description = "Removes the job and its history, and publishes a tombstone to the jobs topic.")
  @ApiResponse(responseCode = "204", description = "Deleted")
  @ApiResponse(
      responseCode = "404",
      description = "No such job",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
  ResponseEntity<Void> delete(
      @Parameter(description = "job id", example = "nightly-report") String id);
}
