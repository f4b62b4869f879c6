package dev.punctual.api.system;

/**
 * A well-formed request the API will not act on, such as an {@code Idempotency-Key} reused with
 * another body (answered 422).
 */
public final class UnprocessableContentException extends RuntimeException {

  private final String field;

  public UnprocessableContentException(String field, String detail) {
    super(detail);
    this.field = field;
  }

  /** What is at fault, e.g. the header {@code Idempotency-Key}. */
  public String field() {
    return field;
  }
}
