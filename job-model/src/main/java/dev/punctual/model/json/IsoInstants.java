package dev.punctual.model.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/**
 * Writes and reads instants in exactly the text {@link DateTimeFormatter#ISO_INSTANT} gives (what
 * {@link Instant#toString()} writes: {@code 2027-03-13T07:30:04.017Z}), without the formatter.
 *
 * <p>Written by hand because of measurement: every fire and result carries five instants, and
 * {@code DateTimeFormatter} (a general parser that fills a map of fields per call) was 13 % of the
 * worker's CPU and 3 % of the scheduler's stream thread at 10,000 fires/s (JFR, see
 * docs/benchmarks.md). Only the canonical form is handled here: years 0000 to 9999, UTC ({@code
 * Z}), a fraction of 0 to 9 digits. {@link #parse} answers {@code null} for anything else (an
 * offset, a leap second, an impossible date), and the caller falls back to the JDK's parser, so the
 * accepted inputs and the errors stay exactly the JDK's.
 */
public final class IsoInstants {

  private static final int SECONDS_PER_DAY = 86_400;

  private IsoInstants() {}

  /** The ISO-8601 text of {@code instant}, as {@link Instant#toString()} writes it. */
  public static String format(Instant instant) {
    long seconds = instant.getEpochSecond();
    long day = Math.floorDiv(seconds, SECONDS_PER_DAY);
    int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
    LocalDate date;
    try {
      date = LocalDate.ofEpochDay(day);
    } catch (DateTimeException e) {
      return instant.toString();
    }
    int year = date.getYear();
    if (year < 0 || year > 9_999) {
      return instant.toString();
    }
    int nano = instant.getNano();
    var text = new StringBuilder(30);
    digits(text, year, 4).append('-');
    digits(text, date.getMonthValue(), 2).append('-');
    digits(text, date.getDayOfMonth(), 2).append('T');
    digits(text, secondOfDay / 3_600, 2).append(':');
    digits(text, secondOfDay / 60 % 60, 2).append(':');
    digits(text, secondOfDay % 60, 2);
    // ISO_INSTANT writes the fraction in groups of three digits, as many as it needs.
    if (nano != 0) {
      text.append('.');
      if (nano % 1_000_000 == 0) {
        digits(text, nano / 1_000_000, 3);
      } else if (nano % 1_000 == 0) {
        digits(text, nano / 1_000, 6);
      } else {
        digits(text, nano, 9);
      }
    }
    return text.append('Z').toString();
  }

  /**
   * The instant of a canonical {@code yyyy-MM-ddTHH:mm:ss[.f…]Z} text, or {@code null} if the text
   * is not in that form or names no instant (the caller then asks the JDK's parser).
   */
  public static @Nullable Instant parse(String text) {
    int length = text.length();
    if (length < 20
        || length > 30
        || length == 21
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || text.charAt(length - 1) != 'Z') {
      return null;
    }
    int year = number(text, 0, 4);
    int month = number(text, 5, 2);
    int day = number(text, 8, 2);
    int hour = number(text, 11, 2);
    int minute = number(text, 14, 2);
    int second = number(text, 17, 2);
    int nano = 0;
    if (length > 20) {
      if (text.charAt(19) != '.') {
        return null;
      }
      int fraction = length - 21;
      nano = number(text, 20, fraction);
      if (nano < 0) {
        return null;
      }
      for (int i = fraction; i < 9; i++) {
        nano *= 10;
      }
    } else if (text.charAt(19) != 'Z') {
      return null;
    }
    if ((year | month | day | hour | minute | second) < 0
        || hour > 23
        || minute > 59
        || second > 59) {
      return null;
    }
    try {
      long epochDay = LocalDate.of(year, month, day).toEpochDay();
      return Instant.ofEpochSecond(
          epochDay * SECONDS_PER_DAY + hour * 3_600L + minute * 60L + second, nano);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The decimal number of {@code count} ASCII digits at {@code from}; -1 if one is not a digit. */
  private static int number(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      int digit = text.charAt(i) - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value;
  }

  private static StringBuilder digits(StringBuilder text, int value, int width) {
    var digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      text.append('0');
    }
    return text.append(digits);
  }
}
