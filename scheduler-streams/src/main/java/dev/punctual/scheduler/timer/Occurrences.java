package dev.punctual.scheduler.timer;

import dev.punctual.model.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * When a job fires next, and how many occurrences fall in a stretch of time; pure functions over
 * {@link Schedule}. Counting never walks an unbounded number of occurrences: intervals are counted
 * by arithmetic, cron expressions by walking at most {@value #CRON_COUNT_LIMIT} occurrences and
 * estimating the rest (see {@link #between}).
 */
final class Occurrences {

  /**
   * The most cron occurrences {@link #between} walks one by one. Beyond it the latest occurrence is
   * still found exactly (by bisection, about 40 steps) and the count is extrapolated from the
   * average spacing of the walked ones: exact for regular expressions such as every N seconds,
   * close for the others (daylight-saving days, months of different lengths).
   */
  static final int CRON_COUNT_LIMIT = 1_000;

  private Occurrences() {}

  /**
   * The first occurrence strictly after {@code after}, or {@code null} when there is none: past
   * {@code endAt}, or {@code maxRuns} used up by {@code runsSoFar}.
   */
  static @Nullable Instant nextAfter(
      Schedule schedule, Instant anchor, long runsSoFar, Instant after) {
    if (schedule.options().isExhaustedAfter(runsSoFar)) {
      return null;
    }
    return schedule.nextAfter(after, anchor);
  }

  /**
   * The first occurrence at or after {@code now} and strictly after {@code lastScheduledAt}: where
   * a new, updated or resumed job continues, so that no occurrence fires twice.
   */
  static @Nullable Instant resumeAt(JobState state, Instant now) {
    var after = now.minusMillis(1);
    var last = state.lastScheduledAt();
    if (last != null && last.isAfter(after)) {
      after = last;
    }
    return nextAfter(state.definition().schedule(), state.anchor(), state.runs(), after);
  }

  /**
   * Whether {@code schedule} is a one-time job whose instant is already past at {@code now} but
   * inside its {@code startAt}/{@code endAt} window: a candidate for a catch-up fire.
   */
  static boolean isPastOneTime(Schedule schedule, Instant now) {
    return schedule instanceof Schedule.Once once
        && once.at().isBefore(now)
        && once.firstAtOrAfter(once.at(), once.at()) != null;
  }

  /**
   * The occurrences in [{@code from}, {@code to}] ({@code maxRuns} aside): how many, the first and
   * the last. Constant time for intervals and one-time jobs; for cron expressions at most {@value
   * #CRON_COUNT_LIMIT} steps plus a bisection, the count then being an estimate.
   */
  static Span between(Schedule schedule, Instant anchor, Instant from, Instant to) {
    if (to.isBefore(from)) {
      return Span.EMPTY;
    }
    var first = schedule.firstAtOrAfter(from, anchor);
    if (first == null || first.isAfter(to)) {
      return Span.EMPTY;
    }
    return switch (schedule) {
      case Schedule.Interval interval -> intervalSpan(interval, anchor, first, to);
      case Schedule.Once once -> new Span(1, first, first, true);
      case Schedule.Cron cron -> cronSpan(cron, anchor, first, to);
    };
  }

  /** Up to {@code max} occurrences in [{@code from}, {@code to}], oldest first. */
  static List<Instant> firstOccurrences(
      Schedule schedule, Instant anchor, Instant from, Instant to, int max) {
    var occurrences = new ArrayList<Instant>(Math.min(max, 64));
    var next = schedule.firstAtOrAfter(from, anchor);
    while (next != null && !next.isAfter(to) && occurrences.size() < max) {
      occurrences.add(next);
      next = schedule.nextAfter(next, anchor);
    }
    return occurrences;
  }

  /**
   * The latest occurrence at or before {@code to}, given {@code known}, an occurrence at or before
   * {@code to}. Bisects on "is there an occurrence after t and at or before {@code to}", which is
   * true up to the latest occurrence and false from it on: about log2 of the range in milliseconds
   * steps (40 for 30 years).
   */
  static Instant latestAtOrBefore(Schedule schedule, Instant anchor, Instant known, Instant to) {
    if (!occursIn(schedule, anchor, known.toEpochMilli(), to)) {
      return known;
    }
    long low = known.toEpochMilli(); // an occurrence follows within (low, to]
    long high = to.toEpochMilli(); // none follows within (high, to]
    while (high - low > 1) {
      long middle = low + (high - low) / 2;
      if (occursIn(schedule, anchor, middle, to)) {
        low = middle;
      } else {
        high = middle;
      }
    }
    var latest = schedule.nextAfter(Instant.ofEpochMilli(low), anchor);
    if (latest == null) {
      throw new IllegalStateException(
          "no occurrence after " + Instant.ofEpochMilli(low) + "; this indicates a bug");
    }
    return latest;
  }

  private static boolean occursIn(Schedule schedule, Instant anchor, long afterMillis, Instant to) {
    var next = schedule.nextAfter(Instant.ofEpochMilli(afterMillis), anchor);
    return next != null && !next.isAfter(to);
  }

  private static Span intervalSpan(
      Schedule.Interval interval, Instant anchor, Instant first, Instant to) {
    var options = interval.options();
    var origin = options.startAt() != null ? options.startAt() : anchor;
    var end = options.endAt() != null && options.endAt().isBefore(to) ? options.endAt() : to;
    long period = interval.every().toMillis();
    long firstIndex = Math.floorDiv(first.toEpochMilli() - origin.toEpochMilli(), period);
    long lastIndex = Math.floorDiv(end.toEpochMilli() - origin.toEpochMilli(), period);
    var last = origin.plusMillis(Math.multiplyExact(lastIndex, period));
    return new Span(lastIndex - firstIndex + 1, first, last, true);
  }

  private static Span cronSpan(Schedule.Cron cron, Instant anchor, Instant first, Instant to) {
    var last = first;
    long count = 1;
    while (true) {
      var next = cron.nextAfter(last, anchor);
      if (next == null || next.isAfter(to)) {
        return new Span(count, first, last, true);
      }
      if (count == CRON_COUNT_LIMIT) {
        var latest = latestAtOrBefore(cron, anchor, next, to);
        double spacing = (double) Duration.between(first, last).toMillis() / (count - 1);
        long beyond = Math.round(Duration.between(last, latest).toMillis() / spacing);
        return new Span(count + Math.max(1, beyond), first, latest, false);
      }
      last = next;
      count++;
    }
  }

  /**
   * Occurrences in a stretch of time.
   *
   * @param count how many; exact unless {@code exact} is false
   * @param first the earliest, {@code null} when there is none
   * @param last the latest (always exact), {@code null} when there is none
   * @param exact whether {@code count} was counted rather than estimated
   */
  record Span(long count, @Nullable Instant first, @Nullable Instant last, boolean exact) {

    static final Span EMPTY = new Span(0, null, null, true);
  }
}
