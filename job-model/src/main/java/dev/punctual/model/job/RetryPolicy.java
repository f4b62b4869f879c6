package dev.punctual.model.job;

import dev.punctual.model.validation.Violations;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How often and how soon a failed fire is retried. Attempt {@code n} (1-based) that fails is
 * retried after {@code initialBackoff × multiplier^(n-1)}, at most {@code maxBackoff}, until {@code
 * maxAttempts} attempts have been made; {@code maxAttempts = 1} means no retry. A target's {@code
 * Retry-After} lengthens the wait up to {@code maxBackoff} ({@link #delayAfter}). Every absent
 * field takes its value from {@link #DEFAULT}.
 *
 * @param maxAttempts total attempts including the first, 1 to {@value #MAX_ATTEMPTS}
 * @param initialBackoff delay before the first retry, positive
 * @param multiplier growth of the delay per retry, at least 1.0
 * @param maxBackoff cap on the delay, at least {@code initialBackoff}
 */
public record RetryPolicy(
    Integer maxAttempts, Duration initialBackoff, Double multiplier, Duration maxBackoff) {

  public static final int MAX_ATTEMPTS = 100;

  /** {@code maxAttempts} 3, {@code initialBackoff} PT1S, {@code multiplier} 2.0, cap PT5M. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(3, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5));

  /** A policy that never retries. */
  public static final RetryPolicy NONE =
      new RetryPolicy(1, Duration.ofSeconds(1), 1.0, Duration.ofSeconds(1));

  public RetryPolicy {
    maxAttempts = maxAttempts == null ? 3 : maxAttempts;
    initialBackoff = initialBackoff == null ? Duration.ofSeconds(1) : initialBackoff;
    multiplier = multiplier == null ? 2.0 : multiplier;
    maxBackoff = maxBackoff == null ? max(Duration.ofMinutes(5), initialBackoff) : maxBackoff;
    new Violations()
        .check(
            maxAttempts >= 1 && maxAttempts <= MAX_ATTEMPTS,
            "maxAttempts",
            "must be between 1 and " + MAX_ATTEMPTS)
        .check(
            initialBackoff.isPositive() && initialBackoff.toMillis() > 0,
            "initialBackoff",
            "must be at least 1 ms")
        .check(
            multiplier >= 1.0 && multiplier <= 100.0 && !multiplier.isNaN(),
            "multiplier",
            "must be between 1.0 and 100.0")
        .check(
            maxBackoff.compareTo(initialBackoff) >= 0,
            "maxBackoff",
            "must not be shorter than initialBackoff")
        .throwIfAny();
  }

  /** Whether an attempt with this 1-based number that failed may be retried. */
  public boolean hasAttemptsAfter(int attempt) {
    return attempt < maxAttempts;
  }

  /** How long to wait after failed attempt {@code attempt} (1-based) before the next one. */
  public Duration backoffAfter(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt numbers start at 1, got " + attempt);
    }
    double millis = initialBackoff.toMillis() * Math.pow(multiplier, attempt - 1);
    if (!Double.isFinite(millis) || millis >= maxBackoff.toMillis()) {
      return maxBackoff;
    }
    return Duration.ofMillis((long) millis);
  }

  /**
   * How long to wait after failed attempt {@code attempt} (1-based) when the target asked for
   * {@code retryAfter} ({@code Retry-After}): the longer of the backoff and that wish, but never
   * longer than {@code maxBackoff}, so a target cannot park a fire for days. Without a wish, the
   * backoff.
   */
  public Duration delayAfter(int attempt, @Nullable Duration retryAfter) {
    var backoff = backoffAfter(attempt);
    if (retryAfter == null || retryAfter.compareTo(backoff) <= 0) {
      return backoff;
    }
    return retryAfter.compareTo(maxBackoff) >= 0 ? maxBackoff : retryAfter;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
