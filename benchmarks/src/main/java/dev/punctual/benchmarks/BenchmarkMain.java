package dev.punctual.benchmarks;

import dev.punctual.benchmarks.cluster.Cluster;
import dev.punctual.benchmarks.cluster.EmbeddedCluster;
import dev.punctual.benchmarks.cluster.ExternalCluster;
import dev.punctual.benchmarks.report.BenchmarkReport;
import dev.punctual.benchmarks.report.Environment;
import dev.punctual.benchmarks.report.ScenarioResult;
import dev.punctual.benchmarks.scenario.Scenario;
import dev.punctual.model.json.Json;
import java.util.Map;

/**
 * Runs the benchmarks: {@code ./punctual bench [--smoke] [--scenarios=raw,burst,…] [--key=value…]}
 * (see {@link BenchmarkOptions}). Exits with status 1 when a scenario failed.
 */
public final class BenchmarkMain {

  private BenchmarkMain() {}

  public static void main(String[] args) {
    var options = BenchmarkOptions.parse(args);
    var report = run(options);
    report.print(System.out);
    report.write(options.report());
    System.out.println("report written to " + options.report().toAbsolutePath());
    boolean failed = report.results().stream().anyMatch(r -> r.outcome().equals("failed"));
    System.exit(failed ? 1 : 0);
  }

  /** Runs the chosen scenarios against a cluster made from the options. */
  public static BenchmarkReport run(BenchmarkOptions options) {
    @SuppressWarnings("unchecked")
    var optionFigures = (Map<String, Object>) Json.MAPPER.convertValue(options, Map.class);
    var report = new BenchmarkReport(Environment.describe(), optionFigures);
    System.out.println("Starting the cluster…");
    try (Cluster cluster = cluster(options)) {
      var scenarios = Scenario.all();
      for (var name : options.scenarios()) {
        System.out.println("Running " + name + "…");
        report.add(runOne(scenarios.get(name), cluster, options));
      }
    }
    return report;
  }

  private static ScenarioResult runOne(
      Scenario scenario, Cluster cluster, BenchmarkOptions options) {
    try {
      return scenario.run(cluster, options);
    } catch (RuntimeException e) {
      e.printStackTrace();
      return ScenarioResult.failed(scenario.name(), String.valueOf(e.getMessage()));
    }
  }

  private static Cluster cluster(BenchmarkOptions options) {
    if (options.external()) {
      return new ExternalCluster(options.bootstrapServers(), options.apiUrl());
    }
    return EmbeddedCluster.start(options);
  }
}
