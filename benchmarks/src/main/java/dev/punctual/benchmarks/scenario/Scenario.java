package dev.punctual.benchmarks.scenario;

import dev.punctual.benchmarks.BenchmarkOptions;
import dev.punctual.benchmarks.cluster.Cluster;
import dev.punctual.benchmarks.report.ScenarioResult;
import java.util.List;
import java.util.Map;

/** One measurement. Each leaves the cluster as it found it (its jobs deleted). */
public interface Scenario {

  String name();

  /** The kind of installation a scenario measures when the benchmark starts one itself. */
  enum Profile {
    /** A broker in the benchmark's JVM, scheduler and worker as processes of their own. */
    SPLIT,
    /** The standalone's runnable jar ({@code ./punctual run}) as one process, with its defaults. */
    STANDALONE,
    /**
     * Every part in a process of its own, the broker included, so that any of them can be killed or
     * restarted ({@link dev.punctual.benchmarks.cluster.ChaosCluster}).
     */
    CHAOS
  }

  ScenarioResult run(Cluster cluster, BenchmarkOptions options);

  /**
   * Whether this scenario needs a cluster of its own: one that leaves lasting load behind (a
   * million jobs in the changelogs, an API projecting every job into PostgreSQL) or changes its
   * processes (restarts, kills) would otherwise distort the scenarios after it.
   */
  default boolean needsOwnCluster() {
    return false;
  }

  /** Which installation to start for this scenario (an external one is used as it is). */
  default Profile profile() {
    return Profile.SPLIT;
  }

  /** All scenarios by name, in the order they run. */
  static Map<String, Scenario> all() {
    var scenarios = new java.util.LinkedHashMap<String, Scenario>();
    for (var scenario :
        List.of(
            new RawProducerScenario(),
            new BurstScenario(),
            SteadyScenario.steady(),
            SteadyScenario.light(),
            new ApiScenario(),
            new ScaleScenario(),
            new FailoverScenario(),
            new StandaloneScenario(),
            new ColdStartScenario(),
            new ChaosScenario())) {
      scenarios.put(scenario.name(), scenario);
    }
    return scenarios;
  }

  /** A prefix for this run's job ids, so runs never see each other's jobs. */
  static String prefix(String scenario) {
    return scenario + "-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36) + "-";
  }

  /** Per second, from a count and a span in milliseconds (at least 1 ms). */
  static double perSecond(long count, long millis) {
    return Math.round(count * 1000.0 / Math.max(1, millis) * 10) / 10.0;
  }

  /** Polls until {@code done} or the deadline; true if done. */
  static boolean await(java.util.function.BooleanSupplier done, java.time.Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (done.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return done.getAsBoolean();
  }
}
