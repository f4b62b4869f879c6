package dev.punctual.client;

import dev.punctual.model.validation.FieldError;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The API refused a request: carries its RFC 9457 {@link Problem} and, for 429 and 503, how long to
 * wait before sending it again. {@link #kind()} tells refusals apart, so callers switch on it
 * rather than on status codes.
 */
public class PunctualApiException extends RuntimeException {

  /** What kind of refusal, from the answer's status. */
  public enum Kind {
    /** 400: the request or definition is invalid; {@link #errors()} names the fields. */
    INVALID_REQUEST(400),
    /** 401: no credential, or one the API does not accept. */
    UNAUTHORIZED(401),
    /** 403: the credential lacks a scope; {@link #requiredScope()} names it. */
    FORBIDDEN(403),
    /** 404: no such job or fire (or one of a namespace the credential does not see). */
    NOT_FOUND(404),
    /** 409: a job with this id exists with another definition. */
    CONFLICT(409),
    /** 412: {@code If-Match} did not hold: the job changed since it was read. */
    PRECONDITION_FAILED(412),
    /** 422: the {@code Idempotency-Key} was used for another request. */
    UNPROCESSABLE(422),
    /** 429: the client's rate limit is used up; wait {@link #retryAfter()}. */
    RATE_LIMITED(429),
    /** 503: the service cannot answer now; nothing changed; wait {@link #retryAfter()}. */
    UNAVAILABLE(503),
    /** Any other status. */
    OTHER(0);

    private final int status;

    Kind(int status) {
      this.status = status;
    }

    /** The kind of an answer with {@code status}. */
    public static Kind of(int status) {
      for (var kind : values()) {
        if (kind.status == status) {
          return kind;
        }
      }
      return OTHER;
    }
  }

  private final Kind kind;
  private final Problem problem;
  private final @Nullable Duration retryAfter;

  public PunctualApiException(Problem problem, @Nullable Duration retryAfter) {
    super(problem.status() + " " + problem.title() + ": " + problem.detail());
    this.kind = Kind.of(problem.status());
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  public Kind kind() {
    return kind;
  }

  /** The answer's HTTP status. */
  public int status() {
    return problem.status();
  }

  public String title() {
    return problem.title();
  }

  public String detail() {
    return problem.detail();
  }

  /** The fields at fault; empty when no field is. */
  public List<FieldError> errors() {
    return problem.errors();
  }

  /** The whole problem, with its extension members. */
  public Problem problem() {
    return problem;
  }

  /** How long to wait before sending the request again, when the API said ({@code Retry-After}). */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** The scope a 403 says the credential lacks. */
  public Optional<String> requiredScope() {
    return Optional.ofNullable(problem.extension("requiredScope"));
  }
}
