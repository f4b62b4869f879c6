package dev.punctual.model.schedule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.punctual.model.validation.Violations;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * When a job fires: a {@link Cron} expression, a fixed {@link Interval} or {@link Once} at an
 * instant, each with {@link ScheduleOptions}. In JSON a schedule is one flat object with exactly
 * one of {@code cron}, {@code every} or {@code at} (see {@link ScheduleDocument}).
 *
 * <p>{@link #nextAfter} is the one function that decides fire times; the scheduler, the REST API's
 * {@code next-runs} and the tests all use it.
 */
public sealed interface Schedule permits Schedule.Cron, Schedule.Interval, Schedule.Once {

  /** The shortest interval a job may have. */
  Duration MIN_INTERVAL = Duration.ofSeconds(1);

  ScheduleOptions options();

  /**
   * The first occurrence strictly after {@code after} that lies inside [{@code startAt}, {@code
   * endAt}], or {@code null} when there is none. {@code maxRuns} is not applied here, since it
   * depends on how many runs there were; see {@link #upcoming}.
   *
   * @param anchor the phase of an {@link Interval} when it has no {@code startAt}: the job's
   *     creation time; ignored by the other kinds
   */
  @Nullable Instant nextAfter(Instant after, Instant anchor);

  /** The first occurrence at or after {@code from}; see {@link #nextAfter}. */
  default @Nullable Instant firstAtOrAfter(Instant from, Instant anchor) {
    return nextAfter(from.minusMillis(1), anchor);
  }

  /**
   * Up to {@code count} occurrences at or after {@code from}, honouring {@code maxRuns} given that
   * {@code runsSoFar} scheduled fires already happened.
   */
  default List<Instant> upcoming(Instant from, Instant anchor, long runsSoFar, int count) {
    var runs = new ArrayList<Instant>(Math.max(0, Math.min(count, 1_000)));
    var next = firstAtOrAfter(from, anchor);
    long runNumber = runsSoFar;
    while (next != null && runs.size() < count && !options().isExhaustedAfter(runNumber)) {
      runs.add(next);
      runNumber++;
      next = nextAfter(next, anchor);
    }
    return runs;
  }

  /** This schedule in its JSON form. */
  @JsonValue
  default ScheduleDocument toDocument() {
    return ScheduleDocument.of(this);
  }

  /** Builds a schedule from its JSON form, checking every field. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static Schedule fromDocument(ScheduleDocument document) {
    return document.toSchedule();
  }

  /** Fires when the cron expression matches the wall time in {@code options.timeZone}. */
  record Cron(CronExpression expression, ScheduleOptions options) implements Schedule {

    /**
     * Checks that the jitter is shorter than the shortest gap between occurrences on the wall clock
     * ({@link CronExpression#shortestGap()}; {@link CronGaps} says why daylight-saving days are not
     * counted).
     */
    public Cron {
      if (!options.jitter().isZero()) {
        var gap = expression.shortestGap();
        new Violations()
            .check(
                options.jitter().compareTo(gap) < 0,
                "jitter",
                "must be shorter than the shortest gap between occurrences of '"
                    + expression
                    + "' ("
                    + gap
                    + ")")
            .throwIfAny();
      }
    }

    public static Cron of(String expression) {
      return new Cron(CronExpression.parse(expression), ScheduleOptions.DEFAULTS);
    }

    @Override
    public @Nullable Instant nextAfter(Instant after, Instant anchor) {
      var from = after;
      if (options.startAt() != null && from.isBefore(options.startAt())) {
        from = options.startAt().minusMillis(1);
      }
      var next = expression.nextAfter(from, options.timeZone(), options.daylightSaving());
      return next != null && options.admits(next) ? next : null;
    }
  }

  /**
   * Fires at {@code anchor + k × every} for whole k ≥ 0, where the anchor is {@code startAt} if
   * given, else the job's creation time. So jobs with the same interval but different {@code
   * startAt} fire in different phases.
   */
  record Interval(Duration every, ScheduleOptions options) implements Schedule {

    public Interval {
      new Violations()
          .check(
              every.compareTo(MIN_INTERVAL) >= 0,
              "every",
              "'" + every + "' is shorter than the minimum of " + MIN_INTERVAL)
          .check(
              every.truncatedTo(ChronoUnit.MILLIS).equals(every),
              "every",
              "must be a whole number of milliseconds")
          .check(
              options.jitter().compareTo(every) < 0,
              "jitter",
              "must be shorter than the interval (" + every + ")")
          .throwIfAny();
    }

    public static Interval of(Duration every) {
      return new Interval(every, ScheduleOptions.DEFAULTS);
    }

    @Override
    public @Nullable Instant nextAfter(Instant after, Instant anchor) {
      var origin = options.startAt() != null ? options.startAt() : anchor;
      long period = every.toMillis();
      long elapsed = after.toEpochMilli() - origin.toEpochMilli();
      long k = elapsed < 0 ? 0 : Math.floorDiv(elapsed, period) + 1;
      var next = origin.plusMillis(Math.multiplyExact(k, period));
      return options.admits(next) ? next : null;
    }
  }

  /** Fires once, at {@code at}. Any jitter is allowed: there is no next occurrence to reach. */
  record Once(Instant at, ScheduleOptions options) implements Schedule {

    public Once {
      at = at.truncatedTo(ChronoUnit.MILLIS);
    }

    public static Once at(Instant at) {
      return new Once(at, ScheduleOptions.DEFAULTS);
    }

    @Override
    public @Nullable Instant nextAfter(Instant after, Instant anchor) {
      return at.isAfter(after) && options.admits(at) ? at : null;
    }
  }
}
