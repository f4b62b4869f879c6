package dev.punctual.benchmarks;

import dev.punctual.benchmarks.cluster.ChaosCluster;
import dev.punctual.benchmarks.cluster.Cluster;
import dev.punctual.benchmarks.cluster.EmbeddedCluster;
import dev.punctual.benchmarks.cluster.ExternalCluster;
import dev.punctual.benchmarks.cluster.StandaloneCluster;
import dev.punctual.benchmarks.report.BenchmarkReport;
import dev.punctual.benchmarks.report.Environment;
import dev.punctual.benchmarks.report.ScenarioResult;
import dev.punctual.benchmarks.scenario.Scenario;
import dev.punctual.model.json.Json;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Runs the benchmarks: {@code ./punctual bench [--smoke] [--scenarios=raw,burst,…] [--key=value…]}
 * (see {@link BenchmarkOptions}). Exits with status 1 when a scenario failed. {@code ./punctual
 * bench shares FILE.jfr [THREAD-PREFIX]} reads a profile instead (see {@link ProfileShares}).
 */
public final class BenchmarkMain {

  private BenchmarkMain() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("shares")) {
      System.exit(ProfileShares.run(List.of(args).subList(1, args.length), System.out));
    }
    var answered = answerWithoutRunning(args, System.out);
    if (answered >= 0) {
      System.exit(answered);
    }
    var options = BenchmarkOptions.parse(args);
    var report = run(options);
    report.print(System.out);
    report.write(options.report());
    System.out.println("report written to " + options.report().toAbsolutePath());
    boolean failed = report.results().stream().anyMatch(r -> r.outcome().equals("failed"));
    System.exit(failed ? 1 : 0);
  }

  /**
   * Answers {@code --help}, or arguments that are not valid options, with a usage on {@code out}
   * (not a stack trace); the exit status (0 for help, 2 for bad arguments), or -1 when the
   * arguments are valid and the benchmark should run.
   */
  static int answerWithoutRunning(String[] args, PrintStream out) {
    var asked = List.of(args);
    if (asked.contains("--help") || asked.contains("-h") || asked.contains("help")) {
      out.print(USAGE);
      return 0;
    }
    try {
      BenchmarkOptions.parse(args);
      return -1;
    } catch (IllegalArgumentException e) {
      out.println("punctual bench: " + e.getMessage());
      out.println("Run ./punctual bench --help for the options.");
      return 2;
    }
  }

  static final String USAGE =
      """
      Usage: ./punctual bench [--smoke] [--jfr] [--scenarios=NAME,...] [--key=value...]
             ./punctual bench shares FILE.jfr [THREAD-PREFIX]

      Scenarios (all of them by default, about 45 minutes): %s.
      On request only: %s.

        --smoke          tiny sizes: every scenario runs, in a few minutes
        --jfr            a JFR profile of every process it starts, beside the report
        --report=FILE    where the JSON report goes (benchmarks/target/benchmark-report.json)
        --bootstrap-servers=HOST:PORT --api-url=URL   measure an existing installation

      Every size is an option as well (--steady-jobs=100000, --standalone-period=PT10S, ...);
      docs/benchmarks.md, "How to run", lists them, with what each scenario measures.
      """
          .formatted(
              String.join(", ", BenchmarkOptions.ALL_SCENARIOS),
              String.join(", ", BenchmarkOptions.ON_REQUEST_SCENARIOS));

  /**
   * Runs the chosen scenarios against clusters made from the options. Embedded, the scenarios that
   * leave nothing behind (raw, burst, steady, light) share one cluster, so that the raw producer is
   * measured on the broker the scheduler uses; each scenario that {@linkplain
   * Scenario#needsOwnCluster needs its own} gets a fresh one, of its {@linkplain Scenario#profile
   * profile}. An external cluster is shared by all.
   */
  public static BenchmarkReport run(BenchmarkOptions options) {
    @SuppressWarnings("unchecked")
    var optionFigures = (Map<String, Object>) Json.MAPPER.convertValue(options, Map.class);
    var report = new BenchmarkReport(Environment.describe(), optionFigures);
    var scenarios = Scenario.all();
    Cluster cluster = null;
    try {
      for (var name : options.scenarios()) {
        var scenario = scenarios.get(name);
        boolean fresh = !options.external() && scenario.needsOwnCluster();
        if (cluster != null && fresh) {
          cluster.close();
          cluster = null;
        }
        if (cluster == null) {
          System.out.println("Starting the cluster…");
          try {
            cluster = cluster(options, scenario);
          } catch (RuntimeException e) {
            e.printStackTrace();
            report.add(
                ScenarioResult.failed(name, "could not start the cluster: " + e.getMessage()));
            continue;
          }
        }
        System.out.println("Running " + name + "…");
        report.add(runOne(scenario, cluster, options));
        if (fresh) {
          cluster.close();
          cluster = null;
        }
      }
    } finally {
      if (cluster != null) {
        cluster.close();
      }
    }
    return report;
  }

  private static ScenarioResult runOne(
      Scenario scenario, Cluster cluster, BenchmarkOptions options) {
    try (var recording = options.jfr() ? OwnRecording.start(options, scenario.name()) : null) {
      return scenario.run(cluster, options);
    } catch (RuntimeException e) {
      e.printStackTrace();
      return ScenarioResult.failed(scenario.name(), String.valueOf(e.getMessage()));
    }
  }

  private static Cluster cluster(BenchmarkOptions options, Scenario scenario) {
    if (options.external()) {
      return ExternalCluster.connect(options);
    }
    return switch (scenario.profile()) {
      case SPLIT -> EmbeddedCluster.start(options, scenario.name());
      case STANDALONE -> StandaloneCluster.start(options, scenario.name());
      case CHAOS -> ChaosCluster.start(options, scenario.name());
    };
  }
}
