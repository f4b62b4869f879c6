package dev.punctual.benchmarks.report;

import dev.punctual.model.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Every scenario's result, with the headline ratio of fire throughput to Kafka's own. */
public final class BenchmarkReport {

  private final Map<String, Object> environment;
  private final Map<String, Object> options;
  private final List<ScenarioResult> results = new ArrayList<>();

  public BenchmarkReport(Map<String, Object> environment, Map<String, Object> options) {
    this.environment = environment;
    this.options = options;
  }

  public void add(ScenarioResult result) {
    results.add(result);
  }

  public List<ScenarioResult> results() {
    return List.copyOf(results);
  }

  /** Fires per second (burst, emitted) over raw producer records per second, when both ran. */
  public Map<String, Object> headline() {
    var headline = new LinkedHashMap<String, Object>();
    var raw = find("raw");
    var burst = find("burst");
    if (raw != null && burst != null) {
      double records = raw.number("records/s");
      double fires = burst.number("fires/s (emitted)");
      if (records > 0 && fires > 0) {
        headline.put(
            "fires/s ÷ raw producer records/s", Math.round(fires / records * 1000) / 1000.0);
      }
    }
    return headline;
  }

  public void print(PrintStream out) {
    out.println();
    out.printf("%-10s %-48s %s%n", "scenario", "figure", "value");
    out.println("-".repeat(76));
    for (var result : results) {
      if (!result.outcome().equals("measured")) {
        out.printf("%-10s %-48s %s%n", result.scenario(), result.outcome(), "");
      }
      result
          .figures()
          .forEach((k, v) -> out.printf("%-10s %-48s %s%n", result.scenario(), k, format(v)));
      result.notes().forEach(n -> out.printf("%-10s   note: %s%n", result.scenario(), n));
    }
    headline().forEach((k, v) -> out.printf("%nheadline: %s = %s%n", k, format(v)));
  }

  public void write(Path file) {
    var document = new LinkedHashMap<String, Object>();
    document.put("environment", environment);
    document.put("options", options);
    document.put("scenarios", results);
    document.put("headline", headline());
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      Files.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(document));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + file, e);
    }
  }

  private ScenarioResult find(String scenario) {
    return results.stream()
        .filter(r -> r.scenario().equals(scenario) && r.outcome().equals("measured"))
        .findFirst()
        .orElse(null);
  }

  private static String format(Object value) {
    if (value instanceof Double d) {
      return String.format(Locale.ROOT, Math.abs(d) < 1 ? "%.3f" : "%,.1f", d);
    }
    if (value instanceof Long || value instanceof Integer) {
      return String.format(Locale.ROOT, "%,d", ((Number) value).longValue());
    }
    return String.valueOf(value);
  }
}
