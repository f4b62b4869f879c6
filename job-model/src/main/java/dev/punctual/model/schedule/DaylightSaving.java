package dev.punctual.model.schedule;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * How a cron schedule treats the wall times a daylight-saving change skips or repeats in its time
 * zone. Schedules in zones without such changes, intervals and one-time jobs ignore it.
 *
 * @param gap what a wall time that does not exist that day (spring forward) does; {@link
 *     Gap#FIRE_AT_TRANSITION} by default
 * @param overlap which of a wall time that exists twice that day (fall back) fires; {@link
 *     Overlap#FIRST} by default
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DaylightSaving(Gap gap, Overlap overlap) {

  /** Both choices at their defaults: today's rule. */
  public static final DaylightSaving DEFAULT =
      new DaylightSaving(Gap.FIRE_AT_TRANSITION, Overlap.FIRST);

  public DaylightSaving(@Nullable Gap gap, @Nullable Overlap overlap) {
    this.gap = gap == null ? Gap.FIRE_AT_TRANSITION : gap;
    this.overlap = overlap == null ? Overlap.FIRST : overlap;
  }

  /** A wall time skipped by a spring-forward change. */
  public enum Gap {
    /** Fires at the instant of the change (the first valid instant after the skipped time). */
    FIRE_AT_TRANSITION,
    /** Does not fire that day. */
    SKIP
  }

  /** A wall time repeated by a fall-back change. */
  public enum Overlap {
    /** Fires at the first of the two instants (the earlier offset). */
    FIRST,
    /** Fires at the second of the two instants (the later offset). */
    LAST,
    /** Fires at both instants. */
    BOTH
  }
}
