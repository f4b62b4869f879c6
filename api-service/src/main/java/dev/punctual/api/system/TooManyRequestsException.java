package dev.punctual.api.system;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** The caller has used up its request budget (answered 429 with {@code Retry-After}). */
public final class TooManyRequestsException extends ApiProblem {

  private final long retryAfterSeconds;

  /**
   * @param retryAfterSeconds whole seconds until the budget holds a request again, at least 1
   */
  public TooManyRequestsException(long retryAfterSeconds) {
    super(
        HttpStatus.TOO_MANY_REQUESTS,
        "Too many requests",
        "This client has sent more requests than its rate limit allows; send this one again in "
            + Math.max(1, retryAfterSeconds)
            + " s (see the RateLimit-* headers).");
    this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
  }

  @Override
  public HttpHeaders headers() {
    var headers = new HttpHeaders();
    headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
    return headers;
  }
}
