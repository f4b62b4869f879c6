package dev.punctual.model.schedule;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The jitter rule: a fire of a job with {@code jitter} J is due at {@code scheduledAt} plus an
 * offset in [0, J) that depends only on its fire id, so the same occurrence gets the same offset on
 * every instance and after every restart, and the occurrences of many jobs with the same schedule
 * spread evenly over J. {@code scheduledAt} and the fire id stay unchanged.
 */
public final class Jitter {

  private Jitter() {}

  /**
   * The offset of fire {@code fireId} under {@code jitter}: whole milliseconds in [0, jitter); zero
   * when the jitter is under a millisecond.
   */
  public static Duration offset(String fireId, Duration jitter) {
    long bound = jitter.toMillis();
    if (bound <= 0) {
      return Duration.ZERO;
    }
    // A name-based UUID is an MD5 digest of the id: stable across JVMs and versions (unlike a
    // hash seed) and evenly spread even for ids that differ only in their last digits, which
    // String.hashCode is not.
    long digest =
        UUID.nameUUIDFromBytes(fireId.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
    return Duration.ofMillis(Math.floorMod(digest, bound));
  }

  /** When fire {@code fireId} of the occurrence {@code scheduledAt} is due under {@code jitter}. */
  public static Instant dueAt(String fireId, Instant scheduledAt, Duration jitter) {
    return scheduledAt.plus(offset(fireId, jitter));
  }
}
