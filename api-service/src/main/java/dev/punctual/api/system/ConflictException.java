package dev.punctual.api.system;

/** The request conflicts with the current state of a resource (answered 409). */
public final class ConflictException extends RuntimeException {

  public ConflictException(String detail) {
    super(detail);
  }
}
