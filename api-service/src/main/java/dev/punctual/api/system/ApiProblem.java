package dev.punctual.api.system;

import dev.punctual.model.validation.FieldError;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A request the API refuses, answered by {@link ProblemAdvice} as an RFC 9457 problem with this
 * status, title and detail, an {@code errors} member when fields are at fault, and the headers it
 * names. Sealed: each kind of refusal is one subclass that says its status once.
 */
public abstract sealed class ApiProblem extends RuntimeException
    permits ConflictException,
        ForbiddenException,
        InvalidBodyException,
        InvalidRequestException,
        NotFoundException,
        PreconditionFailedException,
        RequestBodyTooLargeException,
        TooManyRequestsException,
        UnauthorizedException,
        UnavailableException,
        UnprocessableContentException,
        UnsupportedMediaTypeException {

  private final HttpStatus status;
  private final String title;

  ApiProblem(HttpStatus status, String title, String message) {
    super(message);
    this.status = status;
    this.title = title;
  }

  /** The answer's status. */
  public HttpStatus status() {
    return status;
  }

  /** The answer's title, the same for every problem of this kind. */
  public String title() {
    return title;
  }

  /** The answer's detail, for a person to act on; the message unless a subclass says more. */
  public String detail() {
    return getMessage();
  }

  /** The fields at fault, answered as {@code errors}; none (and no {@code errors}) by default. */
  public List<FieldError> errors() {
    return List.of();
  }

  /** Extension members of the answer besides {@code errors}; none by default. */
  public Map<String, Object> properties() {
    return Map.of();
  }

  /** Headers the answer carries besides the problem; none by default. */
  public HttpHeaders headers() {
    return HttpHeaders.EMPTY;
  }
}
