package dev.punctual.model.schedule;

/**
 * What the scheduler does with occurrences it could not fire on time because it was down or far
 * behind (more than its misfire threshold late).
 */
public enum MisfirePolicy {
  /** One fire stands for all missed occurrences inside the catch-up window. The default. */
  FIRE_ONCE,
  /** Missed occurrences are dropped (and counted); the job continues at its next occurrence. */
  SKIP,
  /** Every missed occurrence inside the catch-up window fires, oldest first, up to a bound. */
  FIRE_ALL
}
