package dev.punctual.worker.http;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * Which failed HTTP answers are worth another attempt, and when. A 4xx answer says the request
 * itself is wrong (404, 401, 422 …), so the same request would fail again: it is final, except 408
 * (Request Timeout), 425 (Too Early) and 429 (Too Many Requests), which say "later". 5xx and 3xx
 * answers may be retried. A 429 or 503 may carry {@code Retry-After} (RFC 9110 §10.2.3: a number of
 * seconds or an HTTP date), which the scheduler honours up to the retry policy's {@code
 * maxBackoff}; a value that is neither, or a date already past, is ignored.
 */
final class RetryClassification {

  private RetryClassification() {}

  /** Whether a failed answer with this status may succeed on another attempt. */
  static boolean isRetryable(int status) {
    if (status >= 400 && status < 500) {
      return status == 408 || status == 425 || status == 429;
    }
    return true;
  }

  /** When a 429 or 503 answer received at {@code now} asks to be called again; else null. */
  static @Nullable Instant retryAfter(int status, HttpHeaders headers, Instant now) {
    if (status != 429 && status != 503) {
      return null;
    }
    var value = headers.firstValue("Retry-After").map(String::strip).orElse("");
    if (value.isEmpty()) {
      return null;
    }
    if (value.chars().allMatch(Character::isDigit)) {
      // Many digits mean "very long"; maxBackoff caps it anyway, so saturate instead of failing.
      long seconds = value.length() > 9 ? 999_999_999 : Long.parseLong(value);
      return now.plus(Duration.ofSeconds(seconds));
    }
    try {
      var date = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return date.isAfter(now) ? date : null;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
