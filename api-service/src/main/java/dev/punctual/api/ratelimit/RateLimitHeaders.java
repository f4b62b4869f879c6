package dev.punctual.api.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.TimeUnit;

/**
 * The {@code RateLimit-*} headers of an answer, after the IETF draft "RateLimit header fields for
 * HTTP": {@code RateLimit-Limit} the budget (the bucket's capacity, the burst), {@code
 * RateLimit-Remaining} the requests left now, {@code RateLimit-Reset} whole seconds until the
 * budget is whole again. A refused request also gets {@code Retry-After}: whole seconds, at least
 * 1, until one request fits.
 *
 * @param limit the bucket's capacity
 * @param remaining requests left now, never negative
 * @param resetSeconds whole seconds (rounded up) until the bucket is full
 * @param retryAfterSeconds whole seconds (rounded up, at least 1) until one more request fits; 0
 *     when this request was let through
 */
record RateLimitHeaders(long limit, long remaining, long resetSeconds, long retryAfterSeconds) {

  static final String LIMIT = "RateLimit-Limit";
  static final String REMAINING = "RateLimit-Remaining";
  static final String RESET = "RateLimit-Reset";

  /**
   * The headers after Bucket4j consumed (or refused) one request from a bucket of {@code limit}.
   */
  static RateLimitHeaders of(ConsumptionProbe probe, long limit) {
    long retryAfter =
        probe.isConsumed() ? 0 : Math.max(1, wholeSeconds(probe.getNanosToWaitForRefill()));
    return new RateLimitHeaders(
        limit,
        Math.max(0, probe.getRemainingTokens()),
        wholeSeconds(probe.getNanosToWaitForReset()),
        retryAfter);
  }

  boolean refused() {
    return retryAfterSeconds > 0;
  }

  void applyTo(HttpServletResponse response) {
    response.setHeader(LIMIT, Long.toString(limit));
    response.setHeader(REMAINING, Long.toString(remaining));
    response.setHeader(RESET, Long.toString(resetSeconds));
  }

  private static long wholeSeconds(long nanos) {
    return nanos <= 0 ? 0 : (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
  }
}
