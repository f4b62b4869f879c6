package dev.punctual.api.audit;

import java.util.Locale;

/** How an audited request ended, from its HTTP status. */
enum Outcome {
  /** 1xx to 3xx: done (or nothing to do). */
  SUCCEEDED,
  /** 4xx: refused, nothing changed. */
  REFUSED,
  /** 5xx: the service failed; nothing changed. */
  FAILED;

  static Outcome of(int status) {
    if (status >= 500) {
      return FAILED;
    }
    return status >= 400 ? REFUSED : SUCCEEDED;
  }

  String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
