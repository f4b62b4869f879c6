package dev.punctual.scheduler.timer;

import java.util.Objects;

/**
 * The latest attempt of a fire whose result the scheduler acted on. A result for this attempt or an
 * earlier one is a duplicate or superseded, and is ignored.
 *
 * @param fireId the fire
 * @param attempt the highest 1-based attempt handled
 */
public record HandledAttempt(String fireId, int attempt) {

  public HandledAttempt {
    Objects.requireNonNull(fireId, "fireId");
  }
}
