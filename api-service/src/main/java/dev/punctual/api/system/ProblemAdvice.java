package dev.punctual.api.system;

import dev.punctual.api.ApiProperties;
import dev.punctual.model.validation.FieldError;
import dev.punctual.model.validation.InvalidJobDefinitionException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every error of the REST API into an RFC 9457 problem ({@code application/problem+json})
 * with a {@code detail} a person can act on and, where fields are at fault, an {@code errors} array
 * of {@code {"field","message"}}. Spring's own errors (unknown path, method, media type, bad
 * parameter) come through {@link ResponseEntityExceptionHandler}. Nothing unexpected leaks: it is
 * logged with a reference that the answer quotes, and the answer says no more.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

  /**
   * Set on every answer, so that it is problem+json whatever the request's {@code Accept} says
   * (content negotiation would otherwise answer an unreadable {@code Accept} with an empty 406).
   */
  private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

  private final Duration retryAfter;

  ProblemAdvice(ApiProperties properties) {
    this.retryAfter = properties.unavailableRetryAfter();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> invalidDefinition(InvalidJobDefinitionException e) {
    var errors = e.errors();
    var problem =
        problem(
            HttpStatus.BAD_REQUEST,
            "Invalid job definition",
            "The job definition is invalid: "
                + errors.stream().map(FieldError::toString).collect(Collectors.joining("; "))
                + ".");
    problem.setProperty("errors", fieldErrors(errors));
    return ResponseEntity.badRequest().contentType(PROBLEM).body(problem);
  }

  /** Every refusal of the API's own, each with the status, title and fields it carries. */
  @ExceptionHandler
  ResponseEntity<ProblemDetail> refused(ApiProblem e) {
    return ResponseEntity.status(e.status())
        .headers(e.headers())
        .contentType(PROBLEM)
        .body(problem(e));
  }

  /**
   * A query string Tomcat cannot decode (malformed percent-encoding such as {@code %%%} or {@code
   * %ZZ}, bytes that are not UTF-8, a parameter without a name): it throws when the application
   * first reads a parameter.
   */
  @ExceptionHandler
  ResponseEntity<ProblemDetail> unreadableQuery(InvalidParameterException e) {
    var problem =
        problem(
            HttpStatus.BAD_REQUEST,
            "Invalid request",
            "The query string could not be read: every parameter must be name=value with a name, and"
                + " percent-encoding must be '%' followed by two hexadecimal digits of UTF-8 (send"
                + " '%' itself as %25).");
    return ResponseEntity.badRequest().contentType(PROBLEM).body(problem);
  }

  /**
   * A header value Spring Security's firewall refuses (control characters, bytes outside printable
   * text): it throws when the application first reads the header.
   */
  @ExceptionHandler
  ResponseEntity<ProblemDetail> rejected(RequestRejectedException e) {
    var problem =
        problem(
            HttpStatus.BAD_REQUEST,
            "Invalid request",
            "A header of the request holds characters that are not allowed; send header values"
                + " as printable ASCII text.");
    return ResponseEntity.badRequest().contentType(PROBLEM).body(problem);
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> unexpected(Exception e, NativeWebRequest request) {
    if (DatabaseUnavailable.isCauseOf(e)) {
      return unavailable(e, request);
    }
    var reference = UUID.randomUUID().toString();
    log.error(
        "Unexpected error answering {} (reference {})",
        request.getDescription(false),
        reference,
        e);
    var problem =
        problem(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "Internal error",
            "The service failed to answer this request. It has been logged with reference "
                + reference
                + "; try again, and if it persists tell the operator this reference.");
    problem.setProperty("reference", reference);
    return ResponseEntity.internalServerError().contentType(PROBLEM).body(problem);
  }

  /**
   * 503 with {@code Retry-After}: PostgreSQL cannot be reached (or the request collided with a
   * concurrent transaction); the same request succeeds once it can.
   */
  private ResponseEntity<ProblemDetail> unavailable(Exception e, NativeWebRequest request) {
    boolean collided = DatabaseUnavailable.isConcurrencyFailure(e);
    long seconds = collided ? 1 : retryAfter.toSeconds();
    log.warn("Answering 503 to {}: {}", request.getDescription(false), rootMessage(e));
    var problem =
        problem(
            HttpStatus.SERVICE_UNAVAILABLE,
            "Service unavailable",
            collided
                ? "The request collided with a concurrent change of the same data; send it again."
                : "The database cannot be reached right now; nothing was changed. Send the"
                    + " request again in "
                    + seconds
                    + " s.");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .contentType(PROBLEM)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
        .body(problem);
  }

  private static @Nullable String rootMessage(Throwable e) {
    var root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    var field = e.getPropertyName() == null ? "parameter" : e.getPropertyName();
    var expected =
        e.getRequiredType() != null && Number.class.isAssignableFrom(e.getRequiredType())
            ? "must be a whole number"
            : "has an invalid value";
    var problem =
        problem(
            HttpStatus.BAD_REQUEST,
            "Invalid request",
            "The parameter '" + field + "' " + expected + ".");
    problem.setProperty("errors", fieldErrors(List.of(new FieldError(field, expected))));
    return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    if (e.getCause() instanceof ApiProblem refusal) {
      // A body reader that wraps what the stream threw, e.g. RequestBodyTooLargeException.
      return handleExceptionInternal(e, problem(refusal), headers, refusal.status(), request);
    }
    var problem =
        problem(
            HttpStatus.BAD_REQUEST,
            "Unreadable request",
            "The request body could not be read; send a JSON document.");
    return handleExceptionInternal(e, problem, headers, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleNoResourceFoundException(
      NoResourceFoundException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    var problem =
        problem(
            HttpStatus.NOT_FOUND,
            "Not found",
            "There is nothing at /" + e.getResourcePath() + "; see /api-docs for the API.");
    return handleExceptionInternal(e, problem, headers, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception e,
      @Nullable Object body,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    if (status.is5xxServerError()) {
      log.error("Error answering {}", request.getDescription(false), e);
    }
    var problemHeaders = new HttpHeaders();
    problemHeaders.addAll(headers);
    problemHeaders.setContentType(PROBLEM);
    return super.handleExceptionInternal(e, body, problemHeaders, status, request);
  }

  private static ProblemDetail problem(ApiProblem e) {
    var problem = problem(e.status(), e.title(), e.detail());
    if (!e.errors().isEmpty()) {
      problem.setProperty("errors", fieldErrors(e.errors()));
    }
    e.properties().forEach(problem::setProperty);
    return problem;
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail) {
    var problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }

  /** Serialised as {@code [{"field":…,"message":…}]}, the record's components. */
  private static List<FieldError> fieldErrors(List<FieldError> errors) {
    return List.copyOf(errors);
  }
}
