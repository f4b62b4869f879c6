package dev.punctual.benchmarks.scenario;

import dev.punctual.benchmarks.BenchmarkOptions;
import dev.punctual.benchmarks.cluster.Cluster;
import dev.punctual.benchmarks.measure.JobLoader;
import dev.punctual.benchmarks.measure.Latency;
import dev.punctual.benchmarks.measure.Phases;
import dev.punctual.benchmarks.measure.Progress;
import dev.punctual.benchmarks.measure.TopicWatcher;
import dev.punctual.benchmarks.report.ScenarioResult;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;

/**
 * Precision under steady load: N jobs every P, their phases spread evenly over P (through {@code
 * startAt}), so N/P fires fall due every second. After a warm-up, every fire and result due inside
 * the measured window is checked: emission lateness ({@code firedAt − scheduledAt}), lateness as a
 * {@code read_committed} consumer sees it, worker start lateness ({@code startedAt − scheduledAt}),
 * early fires, duplicates and missed occurrences.
 */
final class SteadyScenario implements Scenario {

  @Override
  public String name() {
    return "steady";
  }

  @Override
  public ScenarioResult run(Cluster cluster, BenchmarkOptions options) {
    var prefix = Scenario.prefix(name());
    int jobs = options.steadyJobs();
    long period = options.steadyPeriod().toMillis();
    var loader = new JobLoader(cluster.bootstrapServers());
    var base = Instant.now().plusSeconds(8 + jobs / 10_000).truncatedTo(ChronoUnit.SECONDS);
    long windowStart = base.plus(options.steadyWarmup()).toEpochMilli();
    long windowEnd = windowStart + options.steadyDuration().toMillis();
    try (var fires = BurstScenario.watch(cluster, TopicWatcher.Kind.FIRES, prefix);
        var results = BurstScenario.watch(cluster, TopicWatcher.Kind.RESULTS, prefix);
        var progress =
            new Progress(
                name(),
                () ->
                    "fires "
                        + fires.observations().size()
                        + ", results "
                        + results.observations().size()
                        + (System.currentTimeMillis() < windowStart
                            ? " (warming up)"
                            : System.currentTimeMillis() < windowEnd ? " (measuring)" : ""))) {
      loader.load(
          prefix,
          jobs,
          i ->
              JobLoader.kafkaTargetJob(
                  prefix + i,
                  JobLoader.every(
                      options.steadyPeriod(), base.plusMillis(Phases.offset(i, jobs, period)))));
      loader.awaitConsumed(Duration.ofMinutes(10));
      // Everything due in the window, plus time for the last of it to be committed and executed.
      Scenario.await(() -> System.currentTimeMillis() > windowEnd + 5_000, Duration.ofHours(2));
      var fired = fires.observations().snapshot();
      var started = results.observations().snapshot();
      loader.delete(prefix, jobs);
      return ScenarioResult.measured(
          name(),
          figures(options, jobs, period, windowStart, windowEnd, fired, started, results),
          notes(options));
    }
  }

  private static LinkedHashMap<String, Object> figures(
      BenchmarkOptions options,
      int jobs,
      long period,
      long windowStart,
      long windowEnd,
      dev.punctual.benchmarks.measure.Observations.Snapshot fired,
      dev.punctual.benchmarks.measure.Observations.Snapshot started,
      TopicWatcher results) {
    var emitted = new Latency();
    var visible = new Latency();
    var distinct = new HashSet<Long>();
    for (int i : fired.rowsScheduledIn(windowStart, windowEnd)) {
      emitted.record(fired.eventAt()[i] - fired.scheduledAt()[i]);
      visible.record(fired.receivedAt()[i] - fired.scheduledAt()[i]);
      distinct.add(((long) fired.job()[i] << 42) ^ fired.scheduledAt()[i]);
    }
    var start = new Latency();
    for (int i : started.rowsScheduledIn(windowStart, windowEnd)) {
      start.record(started.eventAt()[i] - started.scheduledAt()[i]);
    }
    long base = windowStart - options.steadyWarmup().toMillis();
    long expected = Phases.expected(jobs, period, base, windowStart, windowEnd);
    long window = windowEnd - windowStart;
    var figures = new LinkedHashMap<String, Object>();
    figures.put("jobs", jobs);
    figures.put("period (s)", period / 1000.0);
    figures.put("window (s)", window / 1000.0);
    figures.put("fires due in window", expected);
    figures.put("fires/s", Scenario.perSecond(emitted.count(), window));
    figures.putAll(emitted.figures("fire lateness"));
    figures.putAll(visible.figures("visible lateness"));
    figures.put("executions/s", Scenario.perSecond(start.count(), window));
    figures.putAll(start.figures("start lateness"));
    figures.put("early fires", emitted.negative());
    figures.put("duplicate fires", emitted.count() - distinct.size());
    figures.put("missed fires", expected - distinct.size());
    figures.put("failed executions", results.failures());
    return figures;
  }

  private static ArrayList<String> notes(BenchmarkOptions options) {
    var notes = new ArrayList<String>();
    notes.add(
        "fire lateness = firedAt − scheduledAt (emission); visible lateness adds the wait for the"
            + " exactly-once commit and the consumer's fetch; start lateness = startedAt −"
            + " scheduledAt at the worker (Kafka target)");
    notes.add(
        "measured window "
            + options.steadyDuration()
            + " after "
            + options.steadyWarmup()
            + " of warm-up; one scheduler and one worker process");
    return notes;
  }
}
