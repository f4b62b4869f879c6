package dev.punctual.model.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * A parsed cron expression: 5 fields (minute hour day-of-month month day-of-week, as in Unix cron)
 * or 6 fields with a leading seconds field. Parsing is done by cron-utils; parsed expressions are
 * cached, since many jobs share a few expressions and the scheduler asks for the next time on
 * every fire.
 *
 * <p>The 5-field form also accepts the nicknames {@code @yearly}, {@code @annually}, {@code
 * @monthly}, {@code @weekly}, {@code @daily}, {@code @midnight} and {@code @hourly}.
 *
 * <p>Occurrences are computed on wall-clock (local) date-times and then placed in the time zone by
 * a {@link DaylightSaving} policy (see {@link ZonedOccurrences}):
 *
 * <ul>
 *   <li>a wall time that falls in a spring-forward gap fires once, at the first valid instant after
 *       the gap (the transition itself), so {@code 30 2 * * *} fires at 03:00 on that day ({@link
 *       DaylightSaving.Gap#FIRE_AT_TRANSITION}, the default), or not at all that day ({@link
 *       DaylightSaving.Gap#SKIP});
 *   <li>a wall time that occurs twice in a fall-back overlap fires at its first occurrence (the
 *       earlier offset; {@link DaylightSaving.Overlap#FIRST}, the default), at its second ({@link
 *       DaylightSaving.Overlap#LAST}) or at both ({@link DaylightSaving.Overlap#BOTH}).
 * </ul>
 */
public final class CronExpression {

  private static final CronParser UNIX_PARSER = new CronParser(unixDefinition(false));
  private static final CronParser SECONDS_PARSER = new CronParser(unixDefinition(true));
  private static final Cache<String, CronExpression> CACHE =
      Caffeine.newBuilder().maximumSize(10_000).build();

  private final String text;
  private final ExecutionTime executionTime;
  private volatile @Nullable Duration shortestGap;

  private CronExpression(String text, ExecutionTime executionTime) {
    this.text = text;
    this.executionTime = executionTime;
  }

  /**
   * Parses a 5- or 6-field expression.
   *
   * @throws IllegalArgumentException with a message a person can act on
   */
  public static CronExpression parse(String text) {
    var normalized = text.trim().replaceAll("\\s+", " ");
    return CACHE.get(
        normalized, key -> new CronExpression(key, ExecutionTime.forCron(parseCron(key))));
  }

  /** The expression with white space normalised. */
  public String text() {
    return text;
  }

  /** Whether this expression has a seconds field. */
  public boolean hasSeconds() {
    return text.split(" ").length == 6;
  }

  /**
   * The first occurrence strictly after {@code after}, placed in {@code zone} by the default
   * daylight-saving policy; {@code null} if there is none.
   */
  public @Nullable Instant nextAfter(Instant after, ZoneId zone) {
    return nextAfter(after, zone, DaylightSaving.DEFAULT);
  }

  /**
   * The first occurrence strictly after {@code after}, placed in {@code zone} by {@code
   * daylightSaving}; {@code null} if there is none. Two occurrences never share an instant.
   */
  public @Nullable Instant nextAfter(Instant after, ZoneId zone, DaylightSaving daylightSaving) {
    return new ZonedOccurrences(this, zone, daylightSaving).nextAfter(after);
  }

  /**
   * The shortest time between two consecutive occurrences on the wall clock (see {@link CronGaps});
   * computed once per expression.
   */
  public Duration shortestGap() {
    var gap = shortestGap;
    if (gap == null) {
      gap = CronGaps.shortestGap(this);
      shortestGap = gap;
    }
    return gap;
  }

  /** The first matching wall time strictly after {@code local}, or {@code null}. */
  @Nullable LocalDateTime nextLocal(LocalDateTime local) {
    // ExecutionTime works on zoned date-times; UTC has no transitions, so this is pure wall-clock
    // arithmetic.
    // nextExecution is strictly after its argument; truncating a fraction of a second away cannot
    // make an earlier second eligible, since the next whole second is after `local` anyway.
    var from = ZonedDateTime.of(local.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    return executionTime.nextExecution(from).map(ZonedDateTime::toLocalDateTime).orElse(null);
  }

  private static Cron parseCron(String text) {
    int fields = text.isEmpty() ? 0 : text.split(" ").length;
    var parser =
        switch (text.startsWith("@") ? 5 : fields) {
          case 5 -> UNIX_PARSER;
          case 6 -> SECONDS_PARSER;
          default ->
              throw new IllegalArgumentException(
                  "'"
                      + text
                      + "' has "
                      + fields
                      + " fields; a cron expression has 5 (minute hour day-of-month month"
                      + " day-of-week) or 6 with a leading seconds field");
        };
    try {
      return parser.parse(text).validate();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a valid cron expression: " + e.getMessage(), e);
    }
  }

  private static CronDefinition unixDefinition(boolean withSeconds) {
    var builder = CronDefinitionBuilder.defineCron();
    if (withSeconds) {
      builder = builder.withSeconds().withStrictRange().and();
    }
    return builder
        .withMinutes()
        .withStrictRange()
        .and()
        .withHours()
        .withStrictRange()
        .and()
        .withDayOfMonth()
        .withStrictRange()
        .and()
        .withMonth()
        .withStrictRange()
        .and()
        .withDayOfWeek()
        .withValidRange(0, 7)
        .withMondayDoWValue(1)
        .withIntMapping(7, 0)
        .withStrictRange()
        .and()
        .withSupportedNicknameYearly()
        .withSupportedNicknameAnnually()
        .withSupportedNicknameMonthly()
        .withSupportedNicknameWeekly()
        .withSupportedNicknameDaily()
        .withSupportedNicknameMidnight()
        .withSupportedNicknameHourly()
        .instance();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CronExpression that && text.equals(that.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
