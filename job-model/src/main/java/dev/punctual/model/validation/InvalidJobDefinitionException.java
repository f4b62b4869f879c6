package dev.punctual.model.validation;

import java.util.List;
import java.util.stream.Collectors;

/** A job definition that cannot be accepted, with every field error found. */
public final class InvalidJobDefinitionException extends IllegalArgumentException {

  private final List<FieldError> errors;

  public InvalidJobDefinitionException(List<FieldError> errors) {
    super(describe(errors));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("an invalid definition needs at least one error");
    }
    this.errors = List.copyOf(errors);
  }

  public InvalidJobDefinitionException(FieldError error) {
    this(List.of(error));
  }

  public List<FieldError> errors() {
    return errors;
  }

  /** The same errors as if they were found below {@code parent}. */
  public InvalidJobDefinitionException under(String parent) {
    return new InvalidJobDefinitionException(errors.stream().map(e -> e.under(parent)).toList());
  }

  private static String describe(List<FieldError> errors) {
    return errors.stream().map(FieldError::toString).collect(Collectors.joining("; "));
  }
}
