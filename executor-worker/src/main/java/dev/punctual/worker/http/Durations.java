package dev.punctual.worker.http;

import java.math.BigDecimal;
import java.time.Duration;

/** Durations written for people: {@code 30 s}, {@code 1.5 s}, {@code 0.25 s}. */
final class Durations {

  private Durations() {}

  static String readable(Duration duration) {
    return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
  }
}
