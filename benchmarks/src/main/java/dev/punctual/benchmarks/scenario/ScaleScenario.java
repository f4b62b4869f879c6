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
 * (warm) and without it (cold: everything restored from the changelog topics). A canary job firing
 * every second tells when firing has resumed.
 */
final class ScaleScenario implements Scenario {

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
    var loader = new JobLoader(cluster.bootstrapServers());
    var figures = new LinkedHashMap<String, Object>();
    try (var fires = BurstScenario.watch(cluster, TopicWatcher.Kind.FIRES, canary);
        var progress = new Progress(name(), () -> "canary fires " + fires.observations().size())) {
      long start = System.nanoTime();
      loader.load(
          prefix, jobs, i -> JobLoader.kafkaTargetJob(prefix + i, "{\"cron\":\"0 0 1 1 *\"}"));
      loader.load(
          canary,
          1,
          i ->
              JobLoader.kafkaTargetJob(
                  canary + i, JobLoader.every(Duration.ofSeconds(1), Instant.now())));
      loader.awaitConsumed(Duration.ofMinutes(30));
      figures.put("active jobs loaded", jobs);
      figures.put(
          "definitions ingested/s",
          Scenario.perSecond(jobs, (System.nanoTime() - start) / 1_000_000));
      var scheduler = cluster.schedulers().getFirst();
      figures.put("scheduler heap after GC (MiB)", scheduler.heapUsedAfterGc() >> 20);
      figures.put("scheduler RSS (MiB)", scheduler.residentSetSize() >> 20);
      figures.put("scheduler max heap", options.schedulerHeap());
      figures.put(
          "restart with state dir: first fire after (s)",
          restart(cluster, scheduler, false, fires));
      var again = cluster.schedulers().getFirst();
      figures.put(
          "restart without state dir: first fire after (s)", restart(cluster, again, true, fires));
      loader.delete(prefix, jobs);
      loader.delete(canary, 1);
    }
    return ScenarioResult.measured(
        name(),
        figures,
        List.of(
            "restart times run from the stop of the old process to the first canary fire seen"
                + " by a read_committed consumer; they include JVM and Spring start-up"));
  }

  private static double restart(
      Cluster cluster, ServiceProcess scheduler, boolean freshState, TopicWatcher fires) {
    long stopped = System.currentTimeMillis();
    scheduler.close();
    cluster.forget(scheduler);
    cluster.addScheduler(scheduler.name(), freshState);
    Scenario.await(
        () -> fires.observations().snapshot().maxReceived() > stopped, Duration.ofMinutes(15));
    var seen = fires.observations().snapshot();
    long first = Long.MAX_VALUE;
    for (int i = 0; i < seen.size(); i++) {
      if (seen.receivedAt()[i] > stopped) {
        first = Math.min(first, seen.receivedAt()[i]);
      }
    }
    return first == Long.MAX_VALUE ? -1 : (first - stopped) / 1000.0;
  }
}
