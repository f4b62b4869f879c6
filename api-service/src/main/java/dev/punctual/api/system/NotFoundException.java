package dev.punctual.api.system;

/** The resource a request names does not exist (answered 404). */
public final class NotFoundException extends RuntimeException {

  public NotFoundException(String detail) {
    super(detail);
  }

  public static NotFoundException job(String id) {
    return new NotFoundException("There is no job with id '" + id + "'.");
  }
}
