package dev.punctual.benchmarks.scenario;

import dev.punctual.benchmarks.BenchmarkOptions;
import dev.punctual.benchmarks.cluster.Cluster;
import dev.punctual.benchmarks.cluster.ServiceProcess;
import dev.punctual.benchmarks.measure.JobLoader;
import dev.punctual.benchmarks.measure.Latency;
import dev.punctual.benchmarks.measure.Progress;
import dev.punctual.benchmarks.measure.TopicWatcher;
import dev.punctual.benchmarks.report.ScenarioResult;
import dev.punctual.model.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;

/**
 * Fire throughput: many one-time jobs (Kafka targets) all due at the same instant. The scheduler
 * emits them as fast as it can; the figures are the emission rate (from the fires' {@code
 * firedAt}), the rate a {@code read_committed} consumer sees, and the rate at which workers finish
 * them. On a small machine the worker executing the fires competes with the scheduler for CPU, so
 * when the benchmark controls the processes it measures each alone: the worker is paused (SIGSTOP)
 * while the scheduler emits, then resumed to drain the fires.
 */
final class BurstScenario implements Scenario {

  @Override
  public String name() {
    return "burst";
  }

  @Override
  public ScenarioResult run(Cluster cluster, BenchmarkOptions options) {
    var prefix = Scenario.prefix(name());
    int jobs = options.burstJobs();
    var loader = new JobLoader(cluster.bootstrapServers());
    var notes = new ArrayList<String>();
    // Time enough to load and ingest every definition before they fall due.
    var dueAt =
        Instant.now()
            .plusSeconds(10 + jobs / 10_000)
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    try (var fires = watch(cluster, TopicWatcher.Kind.FIRES, prefix);
        var results = watch(cluster, TopicWatcher.Kind.RESULTS, prefix);
        var progress =
            new Progress(
                name(),
                () ->
                    "fires "
                        + fires.observations().size()
                        + "/"
                        + jobs
                        + ", results "
                        + results.observations().size())) {
      long loadStart = System.nanoTime();
      loader.load(prefix, jobs, i -> JobLoader.kafkaTargetJob(prefix + i, JobLoader.at(dueAt)));
      loader.awaitConsumed(Duration.ofMinutes(10));
      var workers = cluster.workers();
      workers.forEach(ServiceProcess::pause);
      var ingested = Instant.now();
      long ingestMillis = (System.nanoTime() - loadStart) / 1_000_000;
      if (ingested.isAfter(dueAt)) {
        notes.add("the definitions were still being ingested when they fell due");
      }
      boolean complete =
          Scenario.await(
              () -> fires.observations().size() >= jobs,
              Duration.between(Instant.now(), dueAt).plusMinutes(5));
      long resumedAt = System.currentTimeMillis();
      workers.forEach(ServiceProcess::resume);
      complete &=
          Scenario.await(() -> results.observations().size() >= jobs, Duration.ofMinutes(5));
      if (!complete) {
        notes.add("not every fire or result arrived within 5 minutes of the due time");
      }
      var fired = fires.observations().snapshot();
      var done = results.observations().snapshot();
      var lateness = new Latency();
      for (int i = 0; i < fired.size(); i++) {
        lateness.record(fired.eventAt()[i] - fired.scheduledAt()[i]);
      }
      var figures = new LinkedHashMap<String, Object>();
      figures.put("jobs", jobs);
      figures.put("definitions ingested/s", Scenario.perSecond(jobs, ingestMillis));
      figures.put("fires", fired.size());
      figures.put(
          "fires/s (emitted)",
          Scenario.perSecond(fired.size(), fired.maxEvent() - fired.minEvent()));
      figures.put(
          "fires/s (read_committed)",
          Scenario.perSecond(fired.size(), fired.maxReceived() - dueAt.toEpochMilli()));
      figures.put("executions", done.size());
      figures.put(
          "executions/s",
          Scenario.perSecond(done.size(), done.maxReceived() - dueAt.toEpochMilli()));
      figures.put("last fire visible after due (ms)", fired.maxReceived() - dueAt.toEpochMilli());
      figures.putAll(lateness.figures("fire lateness"));
      figures.put("early fires", lateness.negative());
      figures.put("duplicate fires", fired.duplicates());
      figures.put("failed executions", results.failures());
      notes.add(
          workers.isEmpty()
              ? "rates over the time from the due instant to the last one seen"
              : "fires measured with the worker paused (the scheduler alone, beside the broker),"
                  + " executions after resuming it (the worker alone draining them); one"
                  + " scheduler and one worker process");
      loader.delete(prefix, jobs);
      return ScenarioResult.measured(name(), figures, notes);
    }
  }

  static TopicWatcher watch(Cluster cluster, TopicWatcher.Kind kind, String prefix) {
    return TopicWatcher.start(cluster.bootstrapServers(), topic(kind), kind, prefix);
  }

  /** For a progress line: {@code "fires 120, results 118"}. */
  static String seen(TopicWatcher fires, TopicWatcher results) {
    return "fires " + fires.observations().size() + ", results " + results.observations().size();
  }

  static String topic(TopicWatcher.Kind kind) {
    return kind == TopicWatcher.Kind.FIRES
        ? Topics.DEFAULT.fires().name()
        : Topics.DEFAULT.results().name();
  }
}
