package dev.punctual.model.schedule;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.punctual.model.validation.InvalidJobDefinitionException;
import dev.punctual.model.validation.Violations;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The JSON form of a {@link Schedule}: one flat object with exactly one of {@code cron}, {@code
 * every} or {@code at}, plus the shared options. Fields that are absent are not written.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "cron",
  "every",
  "at",
  "timeZone",
  "startAt",
  "endAt",
  "maxRuns",
  "misfirePolicy",
  "catchUpWindow",
  "overlapPolicy",
  "jitter",
  "daylightSaving",
  "misfireThreshold",
  "pauseAfterFailures"
})
public record ScheduleDocument(
    @Nullable String cron,
    @Nullable Duration every,
    @Nullable Instant at,
    @Nullable String timeZone,
    @Nullable Instant startAt,
    @Nullable Instant endAt,
    @Nullable Integer maxRuns,
    @Nullable MisfirePolicy misfirePolicy,
    @Nullable Duration catchUpWindow,
    @Nullable OverlapPolicy overlapPolicy,
    @Nullable Duration jitter,
    @Nullable DaylightSaving daylightSaving,
    @Nullable Duration misfireThreshold,
    @Nullable Integer pauseAfterFailures) {

  static ScheduleDocument of(Schedule schedule) {
    return switch (schedule) {
      case Schedule.Cron c -> of(c.expression().text(), null, null, c.options());
      case Schedule.Interval i -> of(null, i.every(), null, i.options());
      case Schedule.Once once -> of(null, null, once.at(), once.options());
    };
  }

  private static ScheduleDocument of(
      @Nullable String cron, @Nullable Duration every, @Nullable Instant at, ScheduleOptions o) {
    return new ScheduleDocument(
        cron,
        every,
        at,
        o.timeZone().getId(),
        o.startAt(),
        o.endAt(),
        o.maxRuns(),
        o.misfirePolicy(),
        o.catchUpWindow(),
        o.overlapPolicy() == OverlapPolicy.ALLOW ? null : o.overlapPolicy(),
        o.jitter().isZero() ? null : o.jitter(),
        o.daylightSaving().equals(DaylightSaving.DEFAULT) ? null : o.daylightSaving(),
        o.misfireThreshold(),
        o.pauseAfterFailures());
  }

  /**
   * The schedule this document describes.
   *
   * @throws InvalidJobDefinitionException naming every field at fault
   */
  public Schedule toSchedule() {
    var violations = new Violations();
    long kinds = Stream.of(cron, every, at).filter(v -> v != null).count();
    violations.check(
        kinds == 1,
        kinds == 0 ? "" : "cron",
        kinds == 0
            ? "needs one of cron, every or at"
            : "give exactly one of cron, every or at, not " + kinds);
    var zone = zone(violations);
    ScheduleOptions options = null;
    try {
      options =
          ScheduleOptions.builder()
              .timeZone(zone)
              .startAt(startAt)
              .endAt(endAt)
              .maxRuns(maxRuns)
              .misfirePolicy(misfirePolicy)
              .catchUpWindow(catchUpWindow)
              .overlapPolicy(overlapPolicy)
              .jitter(jitter)
              .daylightSaving(daylightSaving)
              .misfireThreshold(misfireThreshold)
              .pauseAfterFailures(pauseAfterFailures)
              .build();
    } catch (InvalidJobDefinitionException e) {
      violations.addAll("", e);
    }
    Schedule schedule = null;
    if (kinds == 1 && options != null) {
      try {
        schedule = build(options);
      } catch (InvalidJobDefinitionException e) {
        violations.addAll("", e);
      } catch (IllegalArgumentException e) {
        violations.add("cron", e.getMessage());
      }
    }
    violations.throwIfAny();
    return schedule;
  }

  private Schedule build(ScheduleOptions options) {
    if (cron != null) {
      return new Schedule.Cron(CronExpression.parse(cron), options);
    }
    if (every != null) {
      return new Schedule.Interval(every, options);
    }
    return new Schedule.Once(at, options);
  }

  private ZoneId zone(Violations violations) {
    if (timeZone == null) {
      return ScheduleOptions.UTC;
    }
    try {
      return ZoneId.of(timeZone);
    } catch (DateTimeException e) {
      violations.add(
          "timeZone", "'" + timeZone + "' is not a time zone; use an IANA name like Europe/Berlin");
      return ScheduleOptions.UTC;
    }
  }
}
