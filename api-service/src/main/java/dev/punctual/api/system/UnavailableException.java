package dev.punctual.api.system;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * This instance cannot take the request now, though it may later (answered 503 with {@code
 * Retry-After}): e.g. it serves its maximum of live event connections.
 */
public final class UnavailableException extends ApiProblem {

  private final long retryAfterSeconds;

  /**
   * @param retryAfterSeconds whole seconds after which the request may succeed, at least 1
   */
  public UnavailableException(String message, long retryAfterSeconds) {
    super(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", message);
    this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
  }

  @Override
  public HttpHeaders headers() {
    var headers = new HttpHeaders();
    headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
    return headers;
  }
}
