package dev.punctual.api.system;

import org.springframework.http.HttpStatus;

/** The resource a request names does not exist (answered 404). */
public final class NotFoundException extends ApiProblem {

  public NotFoundException(String detail) {
    super(HttpStatus.NOT_FOUND, "Not found", detail);
  }

  public static NotFoundException job(String id) {
    return new NotFoundException("There is no job with id '" + id + "'.");
  }
}
