package dev.punctual.api.job;

import dev.punctual.api.openapi.JobNotFound;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;

/**
 * Annotations that declare once, for the OpenAPI document, what several operations on jobs repeat:
 * the answers that carry a job, the conditional and idempotency headers. Their error answers get
 * the {@code Problem} content from {@code dev.punctual.api.openapi.ErrorResponses}.
 */
final class JobDocs {

  private JobDocs() {}

  static final String ETAG =
      "\"<version>-<digest>\", e.g. \"3-5f2a9c0e1b7d4a66\": the definition's version and a digest"
          + " of this answer's body, so it changes with everything shown, run state (lastRunAt,"
          + " lastRunStatus, nextRunAt, status) included. Send it as If-None-Match on a read (304"
          + " only when nothing shown changed) or as If-Match on a write (which compares the"
          + " version part alone: runs of the job never fail a write)";

  /** 200 with the job and its {@code ETag}. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
  @ApiResponse(
      responseCode = "200",
      headers = @Header(name = "ETag", description = ETAG),
      content = @Content(schema = @Schema(implementation = JobSchemas.JobSchema.class)))
  @interface Ok {

    /** The response's description. */
    @AliasFor(annotation = ApiResponse.class, attribute = "description")
    String value();
  }

  /** 201 with the job just created, its {@code ETag} and {@code Location}. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @ApiResponse(
      responseCode = "201",
      description = "Created",
      headers = {
        @Header(name = "Location", description = "/jobs/{id}"),
        @Header(name = "ETag", description = ETAG)
      },
      content = @Content(schema = @Schema(implementation = JobSchemas.JobSchema.class)))
  @interface Created {}

  /** 412 when {@code If-Match} names another version than the job's. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
  @ApiResponse(responseCode = "412", description = "If-Match did not match the job's current ETag")
  @interface IfMatchFailed {}

  /**
   * The answers of a change to an existing job under {@code If-Match}: 200 with the job, 404 when
   * there is no such job, 412 when it is at another version.
   */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @Ok("")
  @JobNotFound
  @IfMatchFailed
  @interface Changed {

    /** The 200 response's description. */
    @AliasFor(annotation = Ok.class, attribute = "value")
    String value();
  }

  /** The {@code If-Match} header. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.PARAMETER)
  // No example: Swagger UI fills a parameter's example into "Try it out", and a stale version
  // there makes every try fail with 412.
  @Parameter(name = "If-Match", in = ParameterIn.HEADER)
  @interface IfMatch {

    /** What the header makes the operation do. */
    @AliasFor(annotation = Parameter.class, attribute = "description")
    String value();
  }

  /** The {@code Idempotency-Key} header. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.PARAMETER)
  // No example: Swagger UI fills a parameter's example into "Try it out", so every second create
  // tried there reused one key and was refused with 422.
  @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER)
  @interface IdempotencyKey {

    /** What the key does for the operation. */
    @AliasFor(annotation = Parameter.class, attribute = "description")
    String value();
  }
}
