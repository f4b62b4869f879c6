package dev.punctual.api.system;

import dev.punctual.model.validation.FieldError;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/** A request body the API cannot accept, with the fields at fault (answered 400). */
public final class InvalidBodyException extends ApiProblem {

  private final List<FieldError> errors;

  public InvalidBodyException(List<FieldError> errors) {
    super(
        HttpStatus.BAD_REQUEST,
        "Invalid request body",
        errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
    this.errors = List.copyOf(errors);
  }

  public InvalidBodyException(FieldError error) {
    this(List.of(error));
  }

  @Override
  public String detail() {
    return "The request body is invalid: " + getMessage() + ".";
  }

  @Override
  public List<FieldError> errors() {
    return errors;
  }
}
