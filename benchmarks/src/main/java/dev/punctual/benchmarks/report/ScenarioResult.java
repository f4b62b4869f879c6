package dev.punctual.benchmarks.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one scenario measured: named figures in the order they were measured, and notes on what
 * limits or qualifies them.
 *
 * @param scenario the scenario's name
 * @param outcome {@code measured}, {@code skipped} or {@code failed}
 * @param figures the measurements
 * @param notes what a reader should know about them
 */
public record ScenarioResult(
    String scenario, String outcome, Map<String, Object> figures, List<String> notes) {

  public ScenarioResult {
    figures = new LinkedHashMap<>(figures);
    notes = List.copyOf(notes);
  }

  public static ScenarioResult measured(
      String scenario, Map<String, Object> figures, List<String> notes) {
    return new ScenarioResult(scenario, "measured", figures, notes);
  }

  public static ScenarioResult skipped(String scenario, String why) {
    return new ScenarioResult(scenario, "skipped", Map.of(), List.of(why));
  }

  public static ScenarioResult failed(String scenario, String why) {
    return new ScenarioResult(scenario, "failed", Map.of(), List.of(why));
  }

  /** A figure as a number, or -1 when absent. */
  public double number(String figure) {
    return figures.get(figure) instanceof Number n ? n.doubleValue() : -1;
  }
}
