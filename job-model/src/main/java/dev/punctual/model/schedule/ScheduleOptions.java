package dev.punctual.model.schedule;

import dev.punctual.model.validation.Violations;
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
 * @param overlapPolicy what an occurrence due while an earlier fire has no final result does;
 *     {@link OverlapPolicy#ALLOW} by default
 * @param jitter {@code dueAt} = {@code scheduledAt} + an offset in [0, jitter) derived from the
 *     fire id; zero by default. Shorter than the shortest gap between occurrences (checked by the
 *     schedule kinds)
 * @param daylightSaving how a cron schedule treats wall times a daylight-saving change skips or
 *     repeats; {@link DaylightSaving#DEFAULT} by default
 * @param misfireThreshold an occurrence processed more than this after it was due (or after the
 *     job's next occurrence is also due) is missed; the scheduler's {@code misfire-threshold} when
 *     absent
 * @param pauseAfterFailures after this many consecutive occurrences whose final result is a failure
 *     the job is paused; never when absent
 */
public record ScheduleOptions(
    ZoneId timeZone,
    @Nullable Instant startAt,
    @Nullable Instant endAt,
    @Nullable Integer maxRuns,
    MisfirePolicy misfirePolicy,
    @Nullable Duration catchUpWindow,
    OverlapPolicy overlapPolicy,
    Duration jitter,
    DaylightSaving daylightSaving,
    @Nullable Duration misfireThreshold,
    @Nullable Integer pauseAfterFailures) {

  /** The default time zone, written as {@code "UTC"}. */
  public static final ZoneId UTC = ZoneId.of("UTC");

  /** Every option at its default. */
  public static final ScheduleOptions DEFAULTS = builder().build();

  public ScheduleOptions {
    timeZone = timeZone == null ? UTC : timeZone;
    misfirePolicy = misfirePolicy == null ? MisfirePolicy.FIRE_ONCE : misfirePolicy;
    overlapPolicy = overlapPolicy == null ? OverlapPolicy.ALLOW : overlapPolicy;
    jitter = jitter == null ? Duration.ZERO : jitter;
    daylightSaving = daylightSaving == null ? DaylightSaving.DEFAULT : daylightSaving;
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
        .check(!jitter.isNegative(), "jitter", "must not be negative")
        .check(
            jitter.truncatedTo(ChronoUnit.MILLIS).equals(jitter),
            "jitter",
            "must be a whole number of milliseconds")
        .check(
            misfireThreshold == null || misfireThreshold.isPositive(),
            "misfireThreshold",
            "must be a positive duration")
        .check(
            pauseAfterFailures == null || pauseAfterFailures >= 1,
            "pauseAfterFailures",
            "must be at least 1")
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

  /**
   * The oldest missed occurrence still caught up when occurrences from {@code firstMissed} on are
   * found missed at {@code now}: {@code firstMissed}, or {@code now − catchUpWindow} when the
   * window cuts it off. The one statement of the catch-up window rule, for the scheduler's catch-up
   * and the API's outlook alike.
   */
  public Instant catchUpFrom(Instant firstMissed, Instant now) {
    if (catchUpWindow != null && now.minus(catchUpWindow).isAfter(firstMissed)) {
      return now.minus(catchUpWindow);
    }
    return firstMissed;
  }

  /**
   * Whether {@code occurrence}, found at {@code now}, still gets a fire: yes if it is not yet past;
   * if it is past (missed), only when the misfire policy is not {@link MisfirePolicy#SKIP} and it
   * lies inside the catch-up window.
   */
  public boolean firesWhenFoundAt(Instant occurrence, Instant now) {
    if (!occurrence.isBefore(now)) {
      return true;
    }
    return misfirePolicy != MisfirePolicy.SKIP
        && !occurrence.isBefore(catchUpFrom(occurrence, now));
  }

  /** This job's misfire threshold: its own, else {@code schedulerDefault}. */
  public Duration misfireThresholdOr(Duration schedulerDefault) {
    return misfireThreshold != null ? misfireThreshold : schedulerDefault;
  }

  /**
   * The misfire rule, shared by the scheduler and the API's outlook: an occurrence due at {@code
   * dueAt}, processed at {@code now}, is missed when it is more than the job's misfire threshold
   * ({@code schedulerDefault} when the job sets none) late, or when the job's next occurrence, due
   * at {@code nextDueAt} ({@code null} when there is none), is also due by then. The second half is
   * what makes a short interval misfire: a 2 s job whose scheduler was down for 30 s would
   * otherwise fire its 15 stale occurrences back to back, each under the threshold.
   */
  public boolean isMissed(
      Instant dueAt, @Nullable Instant nextDueAt, Instant now, Duration schedulerDefault) {
    if (Duration.between(dueAt, now).compareTo(misfireThresholdOr(schedulerDefault)) > 0) {
      return true;
    }
    return nextDueAt != null && !nextDueAt.isAfter(now);
  }

  /** A builder starting from the defaults, for code and tests that set a few options by name. */
  public static Builder builder() {
    return new Builder();
  }

  /** These options as a builder, to change a few of them. */
  public Builder toBuilder() {
    return new Builder()
        .timeZone(timeZone)
        .startAt(startAt)
        .endAt(endAt)
        .maxRuns(maxRuns)
        .misfirePolicy(misfirePolicy)
        .catchUpWindow(catchUpWindow)
        .overlapPolicy(overlapPolicy)
        .jitter(jitter)
        .daylightSaving(daylightSaving)
        .misfireThreshold(misfireThreshold)
        .pauseAfterFailures(pauseAfterFailures);
  }

  /**
   * Builds {@link ScheduleOptions} by name, so that adding an option breaks no caller; {@link
   * #build()} checks the invariants.
   */
  public static final class Builder {
    private @Nullable ZoneId timeZone;
    private @Nullable Instant startAt;
    private @Nullable Instant endAt;
    private @Nullable Integer maxRuns;
    private @Nullable MisfirePolicy misfirePolicy;
    private @Nullable Duration catchUpWindow;
    private @Nullable OverlapPolicy overlapPolicy;
    private @Nullable Duration jitter;
    private @Nullable DaylightSaving daylightSaving;
    private @Nullable Duration misfireThreshold;
    private @Nullable Integer pauseAfterFailures;

    private Builder() {}

    public Builder timeZone(@Nullable ZoneId timeZone) {
      this.timeZone = timeZone;
      return this;
    }

    public Builder startAt(@Nullable Instant startAt) {
      this.startAt = startAt;
      return this;
    }

    public Builder endAt(@Nullable Instant endAt) {
      this.endAt = endAt;
      return this;
    }

    public Builder maxRuns(@Nullable Integer maxRuns) {
      this.maxRuns = maxRuns;
      return this;
    }

    public Builder misfirePolicy(@Nullable MisfirePolicy misfirePolicy) {
      this.misfirePolicy = misfirePolicy;
      return this;
    }

    public Builder catchUpWindow(@Nullable Duration catchUpWindow) {
      this.catchUpWindow = catchUpWindow;
      return this;
    }

    public Builder overlapPolicy(@Nullable OverlapPolicy overlapPolicy) {
      this.overlapPolicy = overlapPolicy;
      return this;
    }

    public Builder jitter(@Nullable Duration jitter) {
      this.jitter = jitter;
      return this;
    }

    public Builder daylightSaving(@Nullable DaylightSaving daylightSaving) {
      this.daylightSaving = daylightSaving;
      return this;
    }

    public Builder misfireThreshold(@Nullable Duration misfireThreshold) {
      this.misfireThreshold = misfireThreshold;
      return this;
    }

    public Builder pauseAfterFailures(@Nullable Integer pauseAfterFailures) {
      this.pauseAfterFailures = pauseAfterFailures;
      return this;
    }

    /**
     * The options; absent ones take their defaults.
     *
     * @throws dev.punctual.model.validation.InvalidJobDefinitionException naming each option at
     *     fault
     */
    public ScheduleOptions build() {
      return new ScheduleOptions(
          timeZone,
          startAt,
          endAt,
          maxRuns,
          misfirePolicy,
          catchUpWindow,
          overlapPolicy,
          jitter,
          daylightSaving,
          misfireThreshold,
          pauseAfterFailures);
    }
  }
}
