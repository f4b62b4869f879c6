package dev.punctual.model.schedule;

import dev.punctual.model.job.Violations;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * Options shared by every kind of schedule.
 *
 * @param timeZone zone in which cron wall times are read; {@code UTC} by default
 * @param startAt no occurrence before this instant; for intervals also the anchor of the phase
 * @param endAt no occurrence after this instant (an occurrence exactly at {@code endAt} fires)
 * @param maxRuns at most this many scheduled fires (manual triggers and retries do not count)
 * @param misfirePolicy what to do with missed occurrences; {@link MisfirePolicy#FIRE_ONCE} by
 *     default
 * @param catchUpWindow only occurrences at most this old are caught up; unbounded when absent
 */
public record ScheduleOptions(
    ZoneId timeZone,
    @Nullable Instant startAt,
    @Nullable Instant endAt,
    @Nullable Integer maxRuns,
    MisfirePolicy misfirePolicy,
    @Nullable Duration catchUpWindow) {

  /** The default time zone, written as {@code "UTC"}. */
  public static final ZoneId UTC = ZoneId.of("UTC");

  public static final ScheduleOptions DEFAULTS =
      new ScheduleOptions(UTC, null, null, null, MisfirePolicy.FIRE_ONCE, null);

  public ScheduleOptions {
    timeZone = timeZone == null ? UTC : timeZone;
    misfirePolicy = misfirePolicy == null ? MisfirePolicy.FIRE_ONCE : misfirePolicy;
    startAt = startAt == null ? null : startAt.truncatedTo(ChronoUnit.MILLIS);
    endAt = endAt == null ? null : endAt.truncatedTo(ChronoUnit.MILLIS);
    new Violations()
        .check(
            startAt == null || endAt == null || !endAt.isBefore(startAt),
            "endAt",
            "must not be before startAt")
        .check(maxRuns == null || maxRuns >= 1, "maxRuns", "must be at least 1")
        .check(
            catchUpWindow == null || catchUpWindow.isPositive(),
            "catchUpWindow",
            "must be a positive duration")
        .throwIfAny();
  }

  /** Whether {@code occurrence} lies inside [{@code startAt}, {@code endAt}]. */
  boolean admits(Instant occurrence) {
    return (startAt == null || !occurrence.isBefore(startAt))
        && (endAt == null || !occurrence.isAfter(endAt));
  }

  /** Whether {@code runs} scheduled fires already used up {@code maxRuns}. */
  public boolean isExhaustedAfter(long runs) {
    return maxRuns != null && runs >= maxRuns;
  }
}
