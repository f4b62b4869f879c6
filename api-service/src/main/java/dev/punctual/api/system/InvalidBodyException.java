package dev.punctual.api.system;

import dev.punctual.model.validation.FieldError;
import java.util.List;
import java.util.stream.Collectors;

/** A request body the API cannot accept, with the fields at fault (answered 400). */
public final class InvalidBodyException extends RuntimeException {

  private final List<FieldError> errors;

  public InvalidBodyException(List<FieldError> errors) {
    super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
    this.errors = List.copyOf(errors);
  }

  public InvalidBodyException(FieldError error) {
    this(List.of(error));
  }

  public List<FieldError> errors() {
    return errors;
  }
}
