package dev.punctual.model.validation;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the field errors of one record's constructor, so that a user sees every problem of an
 * object at once rather than one per attempt.
 */
public final class Violations {

  private final List<FieldError> errors = new ArrayList<>();

  /** Records {@code message} against {@code field} when {@code condition} does not hold. */
  public Violations check(boolean condition, String field, String message) {
    if (!condition) {
      errors.add(new FieldError(field, message));
    }
    return this;
  }

  public Violations add(String field, String message) {
    errors.add(new FieldError(field, message));
    return this;
  }

  /** Adds the errors of a nested object, placed below {@code parent}. */
  public Violations addAll(String parent, InvalidJobDefinitionException nested) {
    nested.errors().forEach(e -> errors.add(e.under(parent)));
    return this;
  }

  public boolean isEmpty() {
    return errors.isEmpty();
  }

  /** Throws {@link InvalidJobDefinitionException} if anything was recorded. */
  public void throwIfAny() {
    if (!errors.isEmpty()) {
      throw new InvalidJobDefinitionException(errors);
    }
  }
}
