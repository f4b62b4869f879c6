package dev.punctual.benchmarks.scenario;

import dev.punctual.benchmarks.BenchmarkOptions;
import dev.punctual.benchmarks.cluster.Cluster;
import dev.punctual.benchmarks.cluster.StandaloneCluster;
import dev.punctual.benchmarks.measure.ApiClient;
import dev.punctual.benchmarks.measure.JobLoader;
import dev.punctual.benchmarks.measure.Progress;
import dev.punctual.benchmarks.measure.SteadyLoad;
import dev.punctual.benchmarks.measure.TopicWatcher;
import dev.punctual.benchmarks.measure.Window;
import dev.punctual.benchmarks.report.ScenarioResult;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The system a user runs first: the standalone ({@code ./punctual run}) with its defaults, the API
 * projecting fires and results into PostgreSQL, loaded as a user would load it, through {@code POST
 * /jobs/batch}. N jobs every P (Kafka targets), phases spread over P. The first window after the
 * first occurrence is measured on its own, with nothing warmed up, then the window after it.
 */
final class StandaloneScenario implements Scenario {

  private static final String YEARLY = "{\"cron\":\"0 0 1 1 *\"}";
  private final ApiClient http = new ApiClient();

  @Override
  public String name() {
    return "standalone";
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
    var api = cluster.apiUrl();
    if (api.isEmpty()) {
      return ScenarioResult.skipped(name(), "no API URL given (--api-url)");
    }
    if (cluster instanceof StandaloneCluster standalone) {
      standalone.awaitReady();
    }
    var metrics = cluster.apiManagementUrl().orElseThrow();
    var prefix = Scenario.prefix(name());
    var load = new SteadyLoad(options.standaloneJobs(), options.standalonePeriod());
    var base = firstOccurrence(api.get(), cluster, load.jobs());
    var windows =
        Window.firstAndNext(
            base.toEpochMilli(), options.standaloneFirstWindow(), options.standaloneWindow());
    long end = windows.getLast().to();
    var probe = new StandaloneProbe(cluster);
    var figures = new LinkedHashMap<String, Object>();
    var notes = new ArrayList<String>();
    try (var fires = BurstScenario.watch(cluster, TopicWatcher.Kind.FIRES, prefix);
        var results = BurstScenario.watch(cluster, TopicWatcher.Kind.RESULTS, prefix);
        var progress =
            new Progress(
                name(),
                () -> BurstScenario.seen(fires, results) + probe.sample() + phase(windows))) {
      figures.put("jobs", load.jobs());
      figures.put("period (s)", load.period().toMillis() / 1000.0);
      figures.put("fires/s due", Math.round(load.firesPerSecond()));
      figures.putAll(create(api.get(), metrics, cluster, prefix, load, base, notes));
      Scenario.await(() -> System.currentTimeMillis() > end + 5_000, Duration.ofHours(2));
      var fired = fires.observations().snapshot();
      var started = results.observations().snapshot();
      for (var window : windows) {
        figures.putAll(Precision.figures(window, load.expected(base, window), fired, started));
      }
      figures.put("failed executions", results.failures());
      figures.putAll(probe.figures());
      new JobLoader(cluster.bootstrapServers()).delete(prefix, load.jobs());
    }
    notes.add(
        "jobs created through POST /jobs/batch, "
            + ApiClient.BATCH_SIZE
            + " per request (far under the standalone's rate limit of 100 requests/s per"
            + " caller); lateness as in steady; the first window starts at the first occurrence,"
            + " nothing warmed up");
    return ScenarioResult.measured(name(), figures, notes);
  }

  /**
   * When the first job should fall due: after every definition is created, relayed and in the
   * scheduler. How long creating takes varies a lot with the machine (a busy one here created 300
   * jobs/s, where the docs' quiet run created thousands), so two batches of jobs that never fall
   * due in a run time it: the first warms the cold API up (timed alone, it made the wait minutes
   * too long), the second gives the rate. The wait is 1.5 times what that rate takes for every job,
   * plus 10 s for the relay and the scheduler. Those jobs are deleted at once.
   */
  private Instant firstOccurrence(String api, Cluster cluster, int jobs) {
    var calibration = Scenario.prefix("calibration");
    int sample = Math.min(jobs, ApiClient.BATCH_SIZE);
    http.createInBatches(api, sample, i -> JobLoader.kafkaTargetJob(calibration + i, YEARLY));
    long start = System.nanoTime();
    http.createInBatches(
        api, sample, i -> JobLoader.kafkaTargetJob(calibration + (sample + i), YEARLY));
    long millis = (System.nanoTime() - start) / 1_000_000 * jobs / sample;
    new JobLoader(cluster.bootstrapServers()).delete(calibration, 2 * sample);
    return Instant.now().plusMillis(10_000 + millis * 3 / 2).truncatedTo(ChronoUnit.SECONDS);
  }

  /** Creates the jobs and waits until the scheduler has them; figures of how long that took. */
  private LinkedHashMap<String, Object> create(
      String api,
      String metrics,
      Cluster cluster,
      String prefix,
      SteadyLoad load,
      Instant base,
      List<String> notes) {
    long start = System.nanoTime();
    int created = http.createInBatches(api, load.jobs(), load.definitions(prefix, base));
    long createMillis = (System.nanoTime() - start) / 1_000_000;
    Scenario.await(() -> http.outboxBacklog(metrics) == 0, Duration.ofMinutes(10));
    new JobLoader(cluster.bootstrapServers()).awaitConsumed(Duration.ofMinutes(10));
    var ingested = Instant.now();
    if (created != load.jobs()) {
      notes.add("the API created " + created + " of " + load.jobs() + " jobs");
    }
    if (ingested.isAfter(base)) {
      notes.add(
          "the definitions were still being ingested when the first fell due: the first"
              + " occurrences of late jobs are counted as missed");
    }
    var figures = new LinkedHashMap<String, Object>();
    figures.put("batch creates/s", Scenario.perSecond(created, createMillis));
    figures.put(
        "jobs ingested before the first occurrence (s)",
        Duration.between(ingested, base).toMillis() / 1000.0);
    return figures;
  }

  private static String phase(List<Window> windows) {
    long now = System.currentTimeMillis();
    for (var window : windows) {
      if (now >= window.from() && now < window.to()) {
        return " (" + window.label() + ")";
      }
    }
    return now < windows.getFirst().from() ? " (loading)" : "";
  }
}
