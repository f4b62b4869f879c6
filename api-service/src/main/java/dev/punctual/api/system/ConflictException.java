package dev.punctual.api.system;

import org.springframework.http.HttpStatus;

/** The request conflicts with the current state of a resource (answered 409). */
public final class ConflictException extends ApiProblem {

  public ConflictException(String detail) {
    super(HttpStatus.CONFLICT, "Conflict", detail);
  }
}
