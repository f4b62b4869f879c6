package dev.punctual.api.job;

import dev.punctual.api.system.Page;
import dev.punctual.api.system.ProblemSchema;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
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
@Tag(name = "Jobs", description = "Define, list, read, replace and delete jobs")
interface JobApi {

  String JSON = "application/json";
  String PROBLEM = "application/problem+json";
  String ETAG = "The job's version in quotes, e.g. \"3\"; send it as If-Match to write safely";

  @Operation(
      operationId = "createJob",
      summary = "Create a job",
      description =
          "Stores the definition and publishes it to the jobs topic. Without `id`, one is"
              + " generated. Sending the same definition again answers 200 with the existing job;"
              + " a different definition under an existing id is a conflict (409). With an"
              + " `Idempotency-Key`, a create without `id` is safe to retry: the same key and body"
              + " within 24 h answer 200 with the job the first request created.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = JSON,
                      schema = @Schema(implementation = JobSchemas.DefinitionSchema.class),
                      examples = {
                        @ExampleObject(
                            name = "cron",
                            summary = "Every night at 02:00 Berlin time, HTTP target",
                            value = JobSchemas.EXAMPLE_DEFINITION),
                        @ExampleObject(
                            name = "interval",
                            summary = "Every 15 minutes, Kafka target",
                            value = JobSchemas.EXAMPLE_INTERVAL_DEFINITION),
                        @ExampleObject(
                            name = "once",
                            summary = "Once, at an instant",
                            value = JobSchemas.EXAMPLE_ONCE_DEFINITION)
                      })))
  @ApiResponse(
      responseCode = "201",
      description = "Created",
      headers = {
        @Header(name = "Location", description = "/jobs/{id}"),
        @Header(name = "ETag", description = ETAG)
      },
      content =
          @Content(mediaType = JSON, schema = @Schema(implementation = JobSchemas.JobSchema.class)))
  @ApiResponse(
      responseCode = "200",
      description =
          "The job already exists with this definition, or this Idempotency-Key created it",
      headers = @Header(name = "ETag", description = ETAG),
      content =
          @Content(mediaType = JSON, schema = @Schema(implementation = JobSchemas.JobSchema.class)))
  @ApiResponse(
      responseCode = "400",
      description = "Invalid definition or malformed JSON; `errors` names the fields",
      content =
          @Content(
              mediaType = PROBLEM,
              schema = @Schema(implementation = ProblemSchema.class),
              examples = @ExampleObject(name = "invalid", value = JobSchemas.EXAMPLE_INVALID)))
  @ApiResponse(
      responseCode = "409",
      description =
          "A job with this id exists with another definition, or the job this Idempotency-Key"
              + " created was deleted",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
  @ApiResponse(
      responseCode = "422",
      description = "The Idempotency-Key was used for another request",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
  ResponseEntity<ObjectNode> create(
      byte[] body,
      @Parameter(
              name = "Idempotency-Key",
              in = ParameterIn.HEADER,
              description =
                  "Makes a create without `id` safe to retry: 1 to 255 printable ASCII characters;"
                      + " the same key with another body within 24 h is refused with 422",
              example = "5f0c6a2e-1b7d-4a8e-9c1f-2f5d8e7a9b10")
          @Nullable String idempotencyKey);

  @Operation(
      operationId = "listJobs",
      summary = "List jobs",
      description =
          "Ordered by id, one page at a time (keyset pagination: pass `nextCursor` as `cursor`)."
              + " With a `status` filter a page may hold fewer than `limit` jobs although more"
              + " follow; keep following `nextCursor` until it is null.")
  @ApiResponse(
      responseCode = "200",
      description = "A page of jobs",
      content =
          @Content(
              mediaType = JSON,
              schema = @Schema(implementation = JobSchemas.JobPageSchema.class)))
  @ApiResponse(
      responseCode = "400",
      description = "Invalid status, name, limit or cursor",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
  Page<ObjectNode> list(
      @Parameter(
              description = "only jobs with this status, as shown now",
              schema =
                  @Schema(
                      type = "string",
                      allowableValues = {"ACTIVE", "PAUSED", "COMPLETED"}))
          @Nullable String status,
      @Parameter(
              description = "only jobs whose name starts with this, ignoring case",
              example = "nightly")
          @Nullable String name,
      @Parameter(
              description = "page size, 1 to 500 (default 50)",
              schema =
                  @Schema(type = "integer", minimum = "1", maximum = "500", defaultValue = "50"))
          @Nullable Integer limit,
      @Parameter(description = "`nextCursor` of the previous page") @Nullable String cursor);

  @Operation(operationId = "getJob", summary = "Read a job")
  @ApiResponse(
      responseCode = "200",
      description = "The job",
      headers = @Header(name = "ETag", description = ETAG),
      content =
          @Content(mediaType = JSON, schema = @Schema(implementation = JobSchemas.JobSchema.class)))
  @ApiResponse(responseCode = "304", description = "Not modified (If-None-Match matched the ETag)")
  @ApiResponse(
      responseCode = "404",
      description = "No such job",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
  ResponseEntity<ObjectNode> get(
      @Parameter(description = "job id", example = "nightly-report") String id);

  @Operation(
      operationId = "replaceJob",
      summary = "Replace a job's definition",
      description =
          "Full replace: fields left out take their defaults. The body's `id` may be left out;"
              + " if given it must be the path's. Read-only fields (`status`, `version`, …) in the"
              + " body are ignored, so a job read with GET can be edited and sent back. With"
              + " `If-Match` the write happens only if the job is still at that version (412"
              + " otherwise); without it the last write wins. Replacing with the same definition"
              + " changes nothing (the version stays). A job that does not exist is created"
              + " (201), unless `If-Match` is given; `If-None-Match: *` makes the request create"
              + " only.",
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
      responseCode = "200",
      description = "Replaced (or unchanged)",
      headers = @Header(name = "ETag", description = ETAG),
      content =
          @Content(mediaType = JSON, schema = @Schema(implementation = JobSchemas.JobSchema.class)))
  @ApiResponse(
      responseCode = "201",
      description = "Created",
      headers = {
        @Header(name = "Location", description = "/jobs/{id}"),
        @Header(name = "ETag", description = ETAG)
      },
      content =
          @Content(mediaType = JSON, schema = @Schema(implementation = JobSchemas.JobSchema.class)))
  @ApiResponse(
      responseCode = "400",
      description = "Invalid definition, or its id differs from the path's",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
  @ApiResponse(
      responseCode = "412",
      description =
          "If-Match did not match: the job changed since it was read (the answer's ETag is the"
              + " current one), or it does not exist; or If-None-Match: * and it exists",
      headers = @Header(name = "ETag", description = "the job's current ETag"),
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemSchema.class)))
  ResponseEntity<ObjectNode> replace(
      @Parameter(description = "job id", example = "nightly-report") String id,
      byte[] body,
      @Parameter(
              name = "If-Match",
              in = ParameterIn.HEADER,
              description = "write only if the job's ETag is one of these (`*`: if it exists)",
              example = "\"3\"")
          @Nullable String ifMatch,
      @Parameter(
              name = "If-None-Match",
              in = ParameterIn.HEADER,
              description = "`*`: create only, never replace",
              example = "*")
          @Nullable String ifNoneMatch);

  @Operation(
      operationId = "deleteJob",
      summary = "Delete a job",
      description =
          "Removes the job and its execution history, and publishes a tombstone to the jobs"
              + " topic.")
  @ApiResponse(responseCode = "204", description = "Deleted")
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
  ResponseEntity<Void> delete(
      @Parameter(description = "job id", example = "nightly-report") String id,
      @Parameter(
              name = "If-Match",
              in = ParameterIn.HEADER,
              description = "delete only if the job's ETag is one of these",
              example = "\"3\"")
          @Nullable String ifMatch);
}
