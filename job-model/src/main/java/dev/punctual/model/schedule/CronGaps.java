package dev.punctual.model.schedule;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;

/**
 * The shortest gap between two consecutive occurrences of a cron expression on the wall clock, the
 * bound that a cron job's {@code jitter} must stay under.
 *
 * <p>The seconds, minutes and hours fields match the same values on every matching day, so the
 * times of day are a product S × M × H, and the shortest gap is the smallest of: two seconds in a
 * minute, the last second of a minute to the first of the next matching minute, likewise for hours,
 * and the last time of a matching day to the first of the next matching day. S, M and H are read
 * from one matching day (at most 60 + 60 + 24 steps, never the 86,400 times of an every-second
 * expression); only the day gap needs a walk over days.
 *
 * <p>Why {@value #SAMPLE_YEARS} years of days are enough: the days an expression matches depend on
 * the day of month, the month and the day of the week (5-field Unix cron has no year field, and
 * {@code L}, {@code W} and {@code #} are not supported). The gap between two consecutive matching
 * days therefore depends only on the two calendar years around it: whether each is a leap year and
 * the weekday of January 1st. In 29 consecutive years from 2001 (no century year, which is where
 * the Gregorian cycle breaks the 28-year pattern), every such pair of years occurs, and the century
 * years only add pairs that also occur elsewhere (a common year after a common year). The only
 * expressions whose consecutive matches lie more than a year apart match February 29th alone; their
 * shortest gap, four years, occurs in any eight consecutive years.
 *
 * <p>Daylight saving is deliberately left out: the gap is measured on the wall clock. On a day a
 * zone changes its clocks, an occurrence can come closer to the previous one (a wall time in a gap
 * fires at the transition; {@link DaylightSaving.Overlap#BOTH} fires a repeated wall time one shift
 * apart), so two jittered fires of a job can then be closer than the jitter, or swap order; each
 * still fires once and never before its {@code dueAt}. Measuring those days too would tie the rule
 * to a zone's future transitions, which change with legislation, and would forbid any jitter for a
 * daily job at 01:30 under {@code BOTH}.
 */
final class CronGaps {

  /** Years of matching days walked to find the shortest day gap; see the class comment. */
  static final int SAMPLE_YEARS = 29;

  /** The gap reported for an expression that matches at most once in the sample. */
  static final Duration NO_GAP = ChronoUnit.FOREVER.getDuration();

  private static final LocalDate SAMPLE_START = LocalDate.of(2001, 1, 1);

  private CronGaps() {}

  static Duration shortestGap(CronExpression cron) {
    var first = cron.nextLocal(SAMPLE_START.atStartOfDay().minusSeconds(1));
    if (first == null) {
      return NO_GAP;
    }
    var day = first.toLocalDate();
    var hours =
        values(cron, day.atStartOfDay(), w -> w.toLocalDate().equals(day), w -> endOf(w, 1));
    var hour = first.truncatedTo(ChronoUnit.HOURS);
    var minutes =
        values(cron, hour, w -> w.truncatedTo(ChronoUnit.HOURS).equals(hour), w -> endOf(w, 2));
    var minute = first.truncatedTo(ChronoUnit.MINUTES);
    var seconds =
        values(cron, minute, w -> w.truncatedTo(ChronoUnit.MINUTES).equals(minute), w -> w);
    long secondSpan = span(seconds, LocalTime::getSecond);
    long minuteSpan = span(minutes, LocalTime::getMinute) * 60 + secondSpan;
    long hourSpan = span(hours, LocalTime::getHour) * 3600 + minuteSpan;
    long shortest = Long.MAX_VALUE;
    shortest = Math.min(shortest, gap(seconds, LocalTime::getSecond, 1, 0));
    shortest = Math.min(shortest, gap(minutes, LocalTime::getMinute, 60, secondSpan));
    shortest = Math.min(shortest, gap(hours, LocalTime::getHour, 3600, minuteSpan));
    long days = shortestDayGap(cron, day);
    if (days < Long.MAX_VALUE) {
      shortest = Math.min(shortest, days * 86_400 - hourSpan);
    }
    return shortest == Long.MAX_VALUE ? NO_GAP : Duration.ofSeconds(shortest);
  }

  /**
   * The matching wall times from {@code start} on while {@code within} holds, one per step: after
   * each, the walk jumps to {@code endOfStep} of it (the end of its hour, its minute or itself).
   */
  private static List<LocalTime> values(
      CronExpression cron,
      LocalDateTime start,
      Predicate<LocalDateTime> within,
      UnaryOperator<LocalDateTime> endOfStep) {
    var values = new ArrayList<LocalTime>();
    var wall = cron.nextLocal(start.minusSeconds(1));
    while (wall != null && within.test(wall)) {
      values.add(wall.toLocalTime());
      wall = cron.nextLocal(endOfStep.apply(wall));
    }
    return values;
  }

  /** The last second of the hour ({@code unit} 1) or the minute ({@code unit} 2) of {@code w}. */
  private static LocalDateTime endOf(LocalDateTime wall, int unit) {
    return unit == 1
        ? wall.truncatedTo(ChronoUnit.HOURS).plusHours(1).minusSeconds(1)
        : wall.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1).minusSeconds(1);
  }

  private static long span(List<LocalTime> times, ToIntFunction<LocalTime> f) {
    return f.applyAsInt(times.getLast()) - f.applyAsInt(times.getFirst());
  }

  /**
   * The shortest step between consecutive values of a field, in seconds ({@code unit} each), less
   * the span of the finer fields between the last time of one value and the first of the next.
   */
  private static long gap(
      List<LocalTime> times, ToIntFunction<LocalTime> field, long unit, long finerSpan) {
    long shortest = Long.MAX_VALUE;
    for (int i = 1; i < times.size(); i++) {
      long step = field.applyAsInt(times.get(i)) - field.applyAsInt(times.get(i - 1));
      shortest = Math.min(shortest, step * unit - finerSpan);
    }
    return shortest;
  }

  /** The fewest days between two consecutive matching days in the sample; 1 ends the walk. */
  private static long shortestDayGap(CronExpression cron, LocalDate firstDay) {
    var end = SAMPLE_START.plusYears(SAMPLE_YEARS);
    long shortest = Long.MAX_VALUE;
    var day = firstDay;
    while (shortest > 1) {
      var next = cron.nextLocal(day.atTime(LocalTime.MAX));
      if (next == null || next.toLocalDate().isAfter(end)) {
        break;
      }
      shortest = Math.min(shortest, ChronoUnit.DAYS.between(day, next.toLocalDate()));
      day = next.toLocalDate();
    }
    return shortest;
  }
}
