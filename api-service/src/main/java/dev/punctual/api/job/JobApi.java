package dev.punctual.api.job;

import static org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

import dev.punctual.api.openapi.JobId;
import dev.punctual.api.openapi.JobNotFound;
import dev.punctual.api.openapi.PageCursor;
import dev.punctual.api.openapi.PageLimit;
import dev.punctual.api.system.Page;
import dev.punctual.model.job.JobStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.Explode;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.node.ObjectNode;

/** The OpenAPI description of {@code /jobs}, kept apart from the controller's logic. */
@Tag(name = "Jobs", description = "Define, list, read, replace and delete jobs")
interface JobApi {

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
          @RequestBody(
              content =
                  @Content(
                      schema = @Schema(implementation = JobSchemas.DefinitionSchema.class),
                      examples = {
                        @ExampleObject(
                            name = "cron",
                            summary = "Every night at 02:00 Berlin time, HTTP target",
                            value = JobExamples.DEFINITION),
                        @ExampleObject(
                            name = "interval",
                            summary = "Every 15 minutes, Kafka target",
                            value = JobExamples.INTERVAL_DEFINITION),
                        @ExampleObject(
                            name = "once",
                            summary = "Once, at an instant",
                            value = JobExamples.ONCE_DEFINITION)
                      })))
  @JobDocs.Created
  @JobDocs.Ok("The job already exists with this definition, or this Idempotency-Key created it")
  @ApiResponse(
      responseCode = "400",
      description = "Invalid definition or malformed JSON; `errors` names the fields",
      content =
          @Content(
              mediaType = APPLICATION_PROBLEM_JSON_VALUE,
              examples = @ExampleObject(name = "invalid", value = JobExamples.INVALID)))
  @ApiResponse(
      responseCode = "409",
      description =
          "A job with this id exists with another definition, or the job this Idempotency-Key"
              + " created was deleted")
  @ApiResponse(
      responseCode = "422",
      description = "The Idempotency-Key was used for another request")
  ResponseEntity<ObjectNode> create(
      byte[] body,
      @JobDocs.IdempotencyKey(
              "Makes a create without `id` safe to retry: 1 to 255 printable ASCII characters;"
                  + " the same key with another body within 24 h is refused with 422")
          @Nullable String idempotencyKey,
      HttpServletRequest request);

  @Operation(
      operationId = "listJobs",
      summary = "List jobs",
      description =
          "Ordered by id, one page at a time (keyset pagination: pass `nextCursor` as `cursor`)."
              + " With a `status` filter a page may hold fewer than `limit` jobs although more"
              + " follow; keep following `nextCursor` until it is null. Filters combine: a job"
              + " is listed when it matches all of them.")
  @ApiResponse(
      responseCode = "200",
      description = "A page of jobs",
      content = @Content(schema = @Schema(implementation = JobSchemas.JobPageSchema.class)))
  @ApiResponse(
      responseCode = "400",
      description = "Invalid status, name, namespace, label, limit or cursor")
  @Parameter(
      name = LabelFilter.PARAMETER,
      in = ParameterIn.QUERY,
      explode = Explode.TRUE,
      description =
          "only jobs with this label, as `key:value` such as `team:payments` (the value is"
              + " everything after the first colon, and may be empty); repeat the parameter"
              + " for several, all of which must match. The key follows the rule of label"
              + " keys, else 400",
      array = @ArraySchema(maxItems = LabelFilter.MAX_FILTERS, schema = @Schema(type = "string")))
  // The filters and conditional headers have no `example`: Swagger UI fills examples into "Try
  // it out", and a list filtered by an example name answers nothing.
  Page<ObjectNode> list(
      @Parameter(
              description = "only jobs with this status, as shown now",
              schema = @Schema(implementation = JobStatus.class))
          @Nullable String status,
      @Parameter(description = "only jobs whose name starts with this, ignoring case")
          @Nullable String name,
      @Parameter(
              description =
                  "only jobs of this namespace (a credential bound to a namespace sees only its"
                      + " own in any case)")
          @Nullable String namespace,
      @PageLimit @Nullable Integer limit,
      @PageCursor @Nullable String cursor,
      HttpServletRequest request);

  @Operation(operationId = "getJob", summary = "Read a job")
  @JobDocs.Ok("The job")
  @ApiResponse(
      responseCode = "304",
      description =
          "Not modified: If-None-Match names the current ETag, so nothing the answer would show"
              + " changed (neither the definition nor its run state)")
  @JobNotFound
  ResponseEntity<ObjectNode> get(@JobId String id);

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
          @RequestBody(
              content =
                  @Content(
                      schema = @Schema(implementation = JobSchemas.DefinitionSchema.class),
                      examples =
                          @ExampleObject(name = "nightly-report", value = JobExamples.DEFINITION))))
  @JobDocs.Ok("Replaced (or unchanged)")
  @JobDocs.Created
  @ApiResponse(
      responseCode = "400",
      description = "Invalid definition, or its id differs from the path's")
  @ApiResponse(
      responseCode = "412",
      description =
          "If-Match did not match: the definition changed since it was read (the answer's ETag"
              + " is the current version's, \"<version>\"), or it does not exist; or"
              + " If-None-Match: * and it exists",
      headers =
          @Header(
              name = "ETag",
              description = "the definition's current version tag, which If-Match takes"))
  ResponseEntity<ObjectNode> replace(
      @JobId String id,
      byte[] body,
      @JobDocs.IfMatch(
              "write only if one of these ETags names the definition's current version (`*`:"
                  + " if the job exists)")
          @Nullable String ifMatch,
      @Parameter(
              name = "If-None-Match",
              in = ParameterIn.HEADER,
              description = "`*`: create only, never replace")
          @Nullable String ifNoneMatch);

  @Operation(
      operationId = "deleteJob",
      summary = "Delete a job",
      description =
          "Removes the job and its execution history, and publishes a tombstone to the jobs"
              + " topic.")
  @ApiResponse(responseCode = "204", description = "Deleted")
  @JobNotFound
  @JobDocs.IfMatchFailed
  ResponseEntity<Void> delete(
      @JobId String id,
      @JobDocs.IfMatch("delete only if one of these ETags names the definition's current version")
          @Nullable String ifMatch);
}
