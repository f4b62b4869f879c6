package dev.punctual.api.system;

import dev.punctual.model.validation.FieldError;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A well-formed request the API will not act on, such as an {@code Idempotency-Key} reused with
 * another body (answered 422).
 */
public final class UnprocessableContentException extends ApiProblem {

  private final String field;

  public UnprocessableContentException(String field, String detail) {
    super(HttpStatus.UNPROCESSABLE_CONTENT, "Unprocessable request", detail);
    this.field = field;
  }

  /** What is at fault, e.g. the header {@code Idempotency-Key}. */
  public String field() {
    return field;
  }

  @Override
  public List<FieldError> errors() {
    return List.of(new FieldError(field, getMessage()));
  }
}
