package dev.punctual.benchmarks.scenario;

import dev.punctual.benchmarks.measure.Latency;
import dev.punctual.benchmarks.measure.Observations;
import dev.punctual.benchmarks.measure.Window;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The precision of the fires and executions due in one window: emission lateness ({@code firedAt −
 * scheduledAt}, which is {@code dueAt} for these jobs), lateness as a {@code read_committed}
 * consumer sees it, worker start lateness ({@code startedAt − scheduledAt}), and the exactly-once
 * checks: early, duplicate and missed fires.
 *
 * <p>A scheduler with a lead time ({@code PUNCTUAL_SCHEDULER_LEAD_TIME}) emits fires up to that
 * long before they are due, so "early fires" counts them and "earliest fire before due" shows the
 * most any was early, which must not exceed the lead time; the promise is then "early starts": no
 * execution before its occurrence. Early values count as 0 in the lateness percentiles.
 */
final class Precision {

  private Precision() {}

  /**
   * @param expected how many occurrences fall due in the window
   * @param fired every fire seen so far
   * @param started every result seen so far
   */
  static Map<String, Object> figures(
      Window window, long expected, Observations.Snapshot fired, Observations.Snapshot started) {
    var emitted = new Latency();
    var visible = new Latency();
    var distinct = new HashSet<Long>();
    long lead = 0;
    for (int i : fired.rowsScheduledIn(window.from(), window.to())) {
      emitted.record(fired.eventAt()[i] - fired.scheduledAt()[i]);
      lead = Math.max(lead, fired.scheduledAt()[i] - fired.eventAt()[i]);
      visible.record(fired.receivedAt()[i] - fired.scheduledAt()[i]);
      distinct.add(((long) fired.job()[i] << 42) ^ fired.scheduledAt()[i]);
    }
    var start = new Latency();
    for (int i : started.rowsScheduledIn(window.from(), window.to())) {
      start.record(started.eventAt()[i] - started.scheduledAt()[i]);
    }
    var figures = new LinkedHashMap<String, Object>();
    figures.put("window (s)", window.millis() / 1000.0);
    figures.put("fires due in window", expected);
    figures.put("fires/s", Scenario.perSecond(emitted.count(), window.millis()));
    figures.putAll(emitted.figures("fire lateness"));
    figures.putAll(visible.figures("visible lateness"));
    figures.put("executions/s", Scenario.perSecond(start.count(), window.millis()));
    figures.putAll(start.figures("start lateness"));
    figures.put("early fires", emitted.negative());
    figures.put("earliest fire before due (ms)", lead);
    figures.put("early starts", start.negative());
    figures.put("duplicate fires", emitted.count() - distinct.size());
    figures.put("missed fires", expected - distinct.size());
    var prefixed = new LinkedHashMap<String, Object>();
    figures.forEach((name, value) -> prefixed.put(window.prefix() + name, value));
    return prefixed;
  }
}
