package dev.punctual.model.validation;

import java.util.Objects;

/**
 * One reason why a job definition is invalid.
 *
 * @param field the JSON path of the offending field, e.g. {@code schedule.cron} or {@code
 *     target.headers.Host}; empty when the document as a whole is at fault
 * @param message what is wrong, written for the person who wrote the definition
 */
public record FieldError(String field, String message) {

  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  /** This error as if the field sat below {@code parent}: {@code url} under {@code target}. */
  public FieldError under(String parent) {
    if (parent.isEmpty()) {
      return this;
    }
    return new FieldError(field.isEmpty() ? parent : parent + "." + field, message);
  }

  /** {@code field: message}, or just the message for a document-level error. */
  @Override
  public String toString() {
    return field.isEmpty() ? message : field + ": " + message;
  }
}
