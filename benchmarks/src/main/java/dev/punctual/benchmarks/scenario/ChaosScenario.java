package dev.punctual.benchmarks.scenario;

import dev.punctual.benchmarks.BenchmarkOptions;
import dev.punctual.benchmarks.chaos.ChaosRun;
import dev.punctual.benchmarks.cluster.ChaosCluster;
import dev.punctual.benchmarks.cluster.Cluster;
import dev.punctual.benchmarks.report.ScenarioResult;

/**
 * The chaos soak: a cluster of separate processes under steady load and client churn while its
 * schedulers, workers and API instances are killed with SIGKILL and its broker restarted; at the
 * end, no duplicate, missed or unfinished fire and no lost write (see {@link ChaosRun}). Runs only
 * when asked for ({@code --scenarios=chaos}).
 */
final class ChaosScenario implements Scenario {

  @Override
  public String name() {
    return "chaos";
  }

  @Override
  public boolean needsOwnCluster() {
    return true;
  }

  @Override
  public Profile profile() {
    return Profile.CHAOS;
  }

  @Override
  public ScenarioResult run(Cluster cluster, BenchmarkOptions options) {
    if (!(cluster instanceof ChaosCluster chaos)) {
      return ScenarioResult.skipped(
          name(), "needs a cluster whose every process it controls, the broker included");
    }
    return ChaosRun.run(name(), Scenario.prefix(name()), chaos, options);
  }
}
