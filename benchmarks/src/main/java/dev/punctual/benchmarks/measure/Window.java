package dev.punctual.benchmarks.measure;

import java.time.Duration;
import java.util.List;

/**
 * A stretch of occurrences, {@code [from, to)} in epoch milliseconds, whose fires are measured
 * together under a label ("first 60 s", "next 60 s"; empty for a scenario's only window).
 *
 * @param label prefixes the window's figures, e.g. {@code "first 60 s: fire lateness p99 (ms)"}
 * @param from the first occurrence time it holds
 * @param to the first occurrence time after it
 */
public record Window(String label, long from, long to) {

  public Window {
    if (to < from) {
      throw new IllegalArgumentException("a window ends before it starts: " + from + " > " + to);
    }
  }

  /**
   * Two windows back to back from the first occurrence on: the first (where nothing is warmed up
   * yet) and the one right after it.
   */
  public static List<Window> firstAndNext(long firstOccurrence, Duration first, Duration next) {
    var opening = first(firstOccurrence, first);
    return List.of(
        opening,
        new Window("next " + describe(next), opening.to(), opening.to() + next.toMillis()));
  }

  /** The window of {@code length} from the first occurrence on, labelled "first … s". */
  public static Window first(long firstOccurrence, Duration length) {
    return new Window(
        "first " + describe(length), firstOccurrence, firstOccurrence + length.toMillis());
  }

  /** The window's name as a figure prefix: {@code "first 60 s: "}, or nothing when unnamed. */
  public String prefix() {
    return label.isEmpty() ? "" : label + ": ";
  }

  public long millis() {
    return to - from;
  }

  private static String describe(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
  }
}
