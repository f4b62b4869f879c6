package dev.punctual.api.system;

import org.springframework.http.HttpStatus;

/** A request body of a media type the API does not read (answered 415). */
public final class UnsupportedMediaTypeException extends ApiProblem {

  public UnsupportedMediaTypeException(String detail) {
    super(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", detail);
  }
}
