package dev.punctual.api.system;

import dev.punctual.model.validation.FieldError;
import java.util.List;
import org.springframework.http.HttpStatus;

/** A request parameter the API cannot accept (answered 400 with the parameter as a field error). */
public final class InvalidRequestException extends ApiProblem {

  private final String field;

  public InvalidRequestException(String field, String message) {
    super(HttpStatus.BAD_REQUEST, "Invalid request", message);
    this.field = field;
  }

  /** The parameter at fault, e.g. {@code limit}. */
  public String field() {
    return field;
  }

  @Override
  public String detail() {
    return "The parameter '" + field + "' " + getMessage() + ".";
  }

  @Override
  public List<FieldError> errors() {
    return List.of(new FieldError(field, getMessage()));
  }
}
