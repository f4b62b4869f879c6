package dev.punctual.api.system;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Values that break assumptions, for the fuzz tests: wrong types, huge numbers, odd unicode, NUL,
 * control characters, malformed percent-encoding. Each kind comes as JSON text (to splice into a
 * body) or as plain text (for a query value, a path segment or a header).
 */
final class OddValues {

  /** Raw JSON values of every type and shape. */
  private static final List<String> JSON =
      List.of(
          "null",
          "true",
          "0",
          "-1",
          "1.5",
          "-0.0",
          "9223372036854775808",
          "99999999999999999999999999999999999999",
          "1e400",
          "-1e-400",
          "[]",
          "{}",
          "[null]",
          "{\"\":null}",
          "\"\"",
          "\" \"",
          "\"\\u0000\"",
          "\"a\\u0000b\"",
          "\"\\ud800\"",
          "\"\\udc00x\"",
          "\"😀\"",
          "\"\\u202e\"",
          "\"\\ufeff\"",
          "\"\\u200b\"",
          "\"\\r\\n\"",
          "\"\\t\"",
          "\"2030-13-45T25:00:00Z\"",
          "\"PT-1S\"",
          "\"P99999999999999D\"",
          "\"PT0S\"",
          "\"* * * * * * *\"",
          "\"60 24 32 13 8\"",
          "\"Mars/Olympus\"",
          "\"{{param.nope}}\"",
          "\"{{secret.}}\"",
          "\"{{\"",
          "\"javascript:alert(1)\"",
          "\"http://[::1\"",
          "\"../../etc/passwd\"",
          "\"%00\"",
          "\"é\"",
          "\"ﬀ\"");

  /** Plain text, sent as it is (percent-encoding left malformed on purpose). */
  private static final List<String> TEXT =
      List.of(
          "",
          "%",
          "%%%",
          "%Z",
          "%ZZ",
          "%00",
          "%0",
          "a%00b",
          "%C3%28",
          "%FF%FE",
          "%E2%82",
          "%F0%9F%98%80",
          "%2F",
          "%5C",
          "%2e%2e",
          "..",
          ";a=b",
          "+",
          "&&",
          "==",
          "AA",
          "AAA",
          "-_-_",
          "____",
          "0",
          "-1",
          "2147483648",
          "99999999999999999999",
          "1e3",
          "NaN",
          "null",
          "true",
          "ACTIVE",
          "paused",
          "k:v",
          ":",
          "a:",
          "2030-01-01T00:00:00Z",
          "2030-13-45",
          "*",
          "\"1\"",
          "W/\"1\"",
          "\"",
          "\"1\", \"",
          "%22%00%22");

  private final SplittableRandom random;

  OddValues(SplittableRandom random) {
    this.random = random;
  }

  <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  boolean chance(int percent) {
    return random.nextInt(100) < percent;
  }

  int between(int from, int to) {
    return random.nextInt(from, to + 1);
  }

  /** A JSON value of any type, sometimes long or deeply nested. */
  String json() {
    return switch (random.nextInt(10)) {
      case 0 -> nested(between(10, 3000));
      case 1 -> "\"" + "x".repeat(between(200, 20_000)) + "\"";
      default -> pick(JSON);
    };
  }

  /** Arrays and objects {@code depth} levels deep. */
  String nested(int depth) {
    var open = random.nextBoolean() ? "[" : "{\"a\":";
    var close = open.equals("[") ? "]" : "}";
    return open.repeat(depth) + "1" + close.repeat(depth);
  }

  /** Text for a query value, a path segment or a header: odd, random or long. */
  String text() {
    return switch (random.nextInt(8)) {
      case 0 -> randomText(between(1, 40));
      case 1 -> "a".repeat(between(129, 9000));
      default -> pick(TEXT);
    };
  }

  /** Random printable ASCII and some characters a request target may not hold. */
  String randomText(int length) {
    var text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      if (chance(90)) {
        text.append((char) between(0x21, 0x7e));
      } else {
        text.append(pick(List.of("é", "\u0001", "😀")));
      }
    }
    return text.toString();
  }
}
