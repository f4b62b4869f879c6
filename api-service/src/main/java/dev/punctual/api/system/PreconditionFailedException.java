package dev.punctual.api.system;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A conditional request ({@code If-Match}, {@code If-None-Match}) whose condition does not hold
 * (answered 412, with the resource's current {@code ETag} when it exists).
 */
public final class PreconditionFailedException extends ApiProblem {

  private final @Nullable String currentEtag;

  public PreconditionFailedException(String detail, @Nullable String currentEtag) {
    super(HttpStatus.PRECONDITION_FAILED, "Precondition failed", detail);
    this.currentEtag = currentEtag;
  }

  /** The resource's current entity tag; {@code null} when it does not exist. */
  public @Nullable String currentEtag() {
    return currentEtag;
  }

  @Override
  public HttpHeaders headers() {
    var headers = new HttpHeaders();
    if (currentEtag != null) {
      headers.setETag(currentEtag);
    }
    return headers;
  }
}
