package dev.punctual.benchmarks.scenario;

import dev.punctual.benchmarks.BenchmarkOptions;
import dev.punctual.benchmarks.cluster.Cluster;
import dev.punctual.benchmarks.cluster.StandaloneCluster;
import dev.punctual.benchmarks.measure.ApiClient;
import dev.punctual.benchmarks.measure.JobLoader;
import dev.punctual.benchmarks.measure.Progress;
import dev.punctual.benchmarks.measure.TopicWatcher;
import dev.punctual.benchmarks.measure.Window;
import dev.punctual.benchmarks.report.ScenarioResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A freshly started standalone: as soon as its REST API answers, N jobs every P (1 s by default)
 * are created through {@code POST /jobs/batch}, without {@code startAt}, as a user trying it out
 * would. Their lateness is measured over the first window after their first occurrence, while the
 * scheduler, the worker and the broker's first transactions are still warming up.
 */
final class ColdStartScenario implements Scenario {

  private final ApiClient http = new ApiClient();

  @Override
  public String name() {
    return "coldstart";
  }

  @Override
  public boolean needsOwnCluster() {
    return true;
  }

  @Override
  public Profile profile() {
    return Profile.STANDALONE;
  }

  @Override
  public ScenarioResult run(Cluster cluster, BenchmarkOptions options) {
    if (!(cluster instanceof StandaloneCluster standalone)) {
      return ScenarioResult.skipped(name(), "measures a standalone it starts itself");
    }
    var api = standalone.apiUrl().orElseThrow();
    var prefix = Scenario.prefix(name());
    int jobs = options.coldstartJobs();
    var period = options.coldstartPeriod();
    var probe = new StandaloneProbe(cluster);
    var figures = new LinkedHashMap<String, Object>();
    long launched = standalone.launchedAt();
    int created =
        http.createInBatches(
            api, jobs, i -> JobLoader.kafkaTargetJob(prefix + i, "{\"every\":\"" + period + "\"}"));
    long createdAt = System.currentTimeMillis();
    // The topics are new: read them from their start, so no fire is missed however soon it comes.
    try (var fires = watchFromStart(cluster, TopicWatcher.Kind.FIRES, prefix);
        var results = watchFromStart(cluster, TopicWatcher.Kind.RESULTS, prefix);
        var progress =
            new Progress(name(), () -> BurstScenario.seen(fires, results) + probe.sample())) {
      standalone.awaitReady();
      long readyAt = System.currentTimeMillis();
      if (!Scenario.await(() -> fires.observations().size() > 0, Duration.ofMinutes(3))) {
        throw new IllegalStateException("no fire within 3 minutes of the scheduler being ready");
      }
      long first = fires.observations().snapshot().minScheduled();
      var window = Window.first(first, options.coldstartWindow());
      Scenario.await(
          () -> System.currentTimeMillis() > window.to() + 5_000, Duration.ofMinutes(10));
      var fired = fires.observations().snapshot();
      var started = results.observations().snapshot();
      figures.put("jobs", jobs);
      figures.put("jobs created", created);
      figures.put("period (s)", period.toMillis() / 1000.0);
      figures.put("API ready after launch (s)", seconds(standalone.apiReadyAt() - launched));
      figures.put("jobs created after launch (s)", seconds(createdAt - launched));
      figures.put("scheduler and worker ready after launch (s)", seconds(readyAt - launched));
      figures.put("first occurrence after launch (s)", seconds(first - launched));
      long expected = fired.expectedSinceFirstSeen(period.toMillis(), window.from(), window.to());
      figures.putAll(Precision.figures(window, expected, fired, started));
      figures.put("jobs that never fired", jobs - fired.jobs());
      figures.put("failed executions", results.failures());
      figures.putAll(probe.figures());
    }
    return ScenarioResult.measured(
        name(),
        figures,
        List.of(
            "jobs created the moment the API answers (the standalone opens its API after"
                + " starting the scheduler and the worker), anchored at their creation: each job's"
                + " occurrences count from its first fire, so 'missed' finds gaps, not a skipped"
                + " first occurrence",
            "the window starts at the first occurrence of any job"));
  }

  private static TopicWatcher watchFromStart(
      Cluster cluster, TopicWatcher.Kind kind, String prefix) {
    return TopicWatcher.startFromBeginning(
        cluster.bootstrapServers(), BurstScenario.topic(kind), kind, prefix);
  }

  private static double seconds(long millis) {
    return millis / 1000.0;
  }
}
