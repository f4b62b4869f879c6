package dev.punctual.api.system;

/** A request parameter the API cannot accept (answered 400 with the parameter as a field error). */
public final class InvalidRequestException extends RuntimeException {

  private final String field;

  public InvalidRequestException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The parameter at fault, e.g. {@code limit}. */
  public String field() {
    return field;
  }
}
