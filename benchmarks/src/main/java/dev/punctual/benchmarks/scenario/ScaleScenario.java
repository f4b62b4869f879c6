package dev.punctual.benchmarks.scenario;

import dev.punctual.benchmarks.BenchmarkOptions;
import dev.punctual.benchmarks.cluster.Cluster;
import dev.punctual.benchmarks.cluster.ServiceProcess;
import dev.punctual.benchmarks.measure.JobLoader;
import dev.punctual.benchmarks.measure.Progress;
import dev.punctual.benchmarks.measure.TopicWatcher;
import dev.punctual.benchmarks.report.ScenarioResult;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The scheduler holding many active jobs: heap after a full GC and resident set size of the
 * scheduler process, then the time until it fires again after a restart with its state directory
 * (warm) and without it (cold: everything restored from the changelog topics). Canary jobs firing
 * every second, several per partition, tell when firing has resumed on every partition.
 */
final class ScaleScenario implements Scenario {

  @Override
  public boolean needsOwnCluster() {
    return true;
  }

  @Override
  public String name() {
    return "scale";
  }

  @Override
  public ScenarioResult run(Cluster cluster, BenchmarkOptions options) {
    if (!cluster.controlsProcesses() || cluster.schedulers().isEmpty()) {
      return ScenarioResult.skipped(name(), "needs a cluster whose scheduler process it controls");
    }
    var prefix = Scenario.prefix(name());
    var canary = Scenario.prefix("canary");
    int jobs = options.scaleJobs();
    int canaries = options.partitions() * 8;
    var loader = new JobLoader(cluster.bootstrapServers());
    var figures = new LinkedHashMap<String, Object>();
    try (var fires = BurstScenario.watch(cluster, TopicWatcher.Kind.FIRES, canary);
        var progress = new Progress(name(), () -> "canary fires " + fires.observations().size())) {
      long start = System.nanoTime();
      loader.load(
          prefix, jobs, i -> JobLoader.kafkaTargetJob(prefix + i, "{\"cron\":\"0 0 1 1 *\"}"));
      loader.load(
          canary,
          canaries,
          i ->
              JobLoader.kafkaTargetJob(
                  canary + i, JobLoader.every(Duration.ofSeconds(1), Instant.now())));
      loader.awaitConsumed(Duration.ofMinutes(30));
      figures.put("jobs loaded by this scenario", jobs);
      figures.put(
          "definitions ingested/s",
          Scenario.perSecond(jobs, (System.nanoTime() - start) / 1_000_000));
      var scheduler = cluster.schedulers().getFirst();
      // Jobs created by earlier scenarios (the API's) are held too.
      figures.put("jobs held by the scheduler", (long) scheduler.metric("punctual_scheduler_jobs"));
      figures.put("scheduler heap after GC (MiB)", scheduler.heapUsedAfterGc() >> 20);
      figures.put("scheduler RSS (MiB)", scheduler.residentSetSize() >> 20);
      figures.put("scheduler max heap", options.schedulerHeap());
      figures.putAll(restart("with state dir", cluster, scheduler, false, fires, canaries));
      var again = cluster.schedulers().getFirst();
      figures.putAll(restart("without state dir", cluster, again, true, fires, canaries));
      loader.delete(prefix, jobs);
      loader.delete(canary, canaries);
    }
    return ScenarioResult.measured(
        name(),
        figures,
        List.of(
            "restart times run from the stop of the old process; 'firing everywhere' is when"
                + " every canary (8 per partition) has fired again, as a read_committed consumer"
                + " sees it; both include JVM and Spring start-up"));
  }

  private static LinkedHashMap<String, Object> restart(
      String label,
      Cluster cluster,
      ServiceProcess scheduler,
      boolean freshState,
      TopicWatcher fires,
      int canaries) {
    long stopped = System.currentTimeMillis();
    scheduler.close();
    cluster.forget(scheduler);
    // Fires the old process emitted before it exited (its last commit on close) become visible
    // after the stop: only fires emitted once it is gone show that the new one fires.
    long gone = System.currentTimeMillis();
    cluster.addScheduler(scheduler.name(), freshState);
    long ready = System.currentTimeMillis();
    Scenario.await(() -> firedSince(fires, gone) >= canaries, Duration.ofMinutes(15));
    var seen = fires.observations().snapshot();
    var firstAfter = new long[canaries];
    for (int i = 0; i < seen.size(); i++) {
      int job = seen.job()[i];
      if (seen.eventAt()[i] > gone
          && (firstAfter[job] == 0 || seen.receivedAt()[i] < firstAfter[job])) {
        firstAfter[job] = seen.receivedAt()[i];
      }
    }
    long everywhere = java.util.Arrays.stream(firstAfter).max().orElse(0);
    var figures = new LinkedHashMap<String, Object>();
    figures.put("restart " + label + ": ready after (s)", (ready - stopped) / 1000.0);
    figures.put(
        "restart " + label + ": firing everywhere after (s)",
        everywhere == 0 || firedSince(fires, gone) < canaries
            ? -1
            : (everywhere - stopped) / 1000.0);
    return figures;
  }

  /** How many canaries have a fire emitted after {@code since}. */
  private static int firedSince(TopicWatcher fires, long since) {
    var seen = fires.observations().snapshot();
    var jobs = new java.util.HashSet<Integer>();
    for (int i = 0; i < seen.size(); i++) {
      if (seen.eventAt()[i] > since) {
        jobs.add(seen.job()[i]);
      }
    }
    return jobs.size();
  }
}
