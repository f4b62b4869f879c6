package dev.punctual.benchmarks.scenario;

import dev.punctual.benchmarks.BenchmarkOptions;
import dev.punctual.benchmarks.cluster.Cluster;
import dev.punctual.benchmarks.measure.JobLoader;
import dev.punctual.benchmarks.measure.Observations;
import dev.punctual.benchmarks.measure.Pace;
import dev.punctual.benchmarks.measure.Progress;
import dev.punctual.benchmarks.measure.SteadyLoad;
import dev.punctual.benchmarks.measure.TopicWatcher;
import dev.punctual.benchmarks.measure.Window;
import dev.punctual.benchmarks.report.ScenarioResult;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongUnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Precision under steady load: N jobs every P, their phases spread evenly over P (through {@code
 * startAt}), so N/P fires fall due every second. After a warm-up that lasts until emission keeps
 * pace ({@link Pace}), every fire and result due inside the measured window is checked (see {@link
 * Precision}). Two sizes run this way: {@code steady} (10,000 fires/s by default) and {@code light}
 * (400 fires/s, where what a user feels is how soon the target starts).
 */
final class SteadyScenario implements Scenario {

  /**
   * @param load the jobs and their period
   * @param warmup load before measuring
   * @param duration the measured window
   */
  record Sizes(SteadyLoad load, Duration warmup, Duration duration) {}

  private final String name;
  private final Function<BenchmarkOptions, Sizes> sizes;

  SteadyScenario(String name, Function<BenchmarkOptions, Sizes> sizes) {
    this.name = name;
    this.sizes = sizes;
  }

  static SteadyScenario steady() {
    return new SteadyScenario(
        "steady",
        o ->
            new Sizes(
                new SteadyLoad(o.steadyJobs(), o.steadyPeriod()),
                o.steadyWarmup(),
                o.steadyDuration()));
  }

  static SteadyScenario light() {
    return new SteadyScenario(
        "light",
        o ->
            new Sizes(
                new SteadyLoad(o.lightJobs(), o.lightPeriod()),
                o.lightWarmup(),
                o.lightDuration()));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ScenarioResult run(Cluster cluster, BenchmarkOptions options) {
    var prefix = Scenario.prefix(name());
    var size = sizes.apply(options);
    var load = size.load();
    var loader = new JobLoader(cluster.bootstrapServers());
    var base = Instant.now().plusSeconds(8 + load.jobs() / 10_000).truncatedTo(ChronoUnit.SECONDS);
    var measuring = new AtomicReference<@Nullable Window>();
    try (var fires = BurstScenario.watch(cluster, TopicWatcher.Kind.FIRES, prefix);
        var results = BurstScenario.watch(cluster, TopicWatcher.Kind.RESULTS, prefix);
        var progress =
            new Progress(
                name(), () -> BurstScenario.seen(fires, results) + phase(measuring.get()))) {
      loader.load(prefix, load.jobs(), load.definitions(prefix, base));
      loader.awaitConsumed(Duration.ofMinutes(10));
      var warmUp = warmUp(size, base, fires.observations());
      var window = warmUp.window();
      measuring.set(window);
      // Everything due in the window, plus time for the last of it to be committed and executed.
      Scenario.await(() -> System.currentTimeMillis() > window.to() + 5_000, Duration.ofHours(2));
      var fired = fires.observations().snapshot();
      var started = results.observations().snapshot();
      loader.delete(prefix, load.jobs());
      var figures = new LinkedHashMap<String, Object>();
      figures.put("jobs", load.jobs());
      figures.put("period (s)", load.period().toMillis() / 1000.0);
      figures.put("warm-up (s)", (window.from() - base.toEpochMilli()) / 1000.0);
      figures.put("kept pace before the window", warmUp.keptPace() ? "yes" : "no");
      figures.putAll(Precision.figures(window, load.expected(base, window), fired, started));
      figures.put("failed executions", results.failures());
      return ScenarioResult.measured(name(), figures, notes(size));
    }
  }

  /**
   * Waits out the warm-up: at least {@code size.warmup()} from the first occurrence, then until
   * emission {@linkplain Pace keeps pace}, at most {@link #maxWarmup}; the window that follows.
   */
  private static WarmUp warmUp(Sizes size, Instant base, Observations fires) {
    var load = size.load();
    long earliest = base.plus(size.warmup()).toEpochMilli();
    long latest = base.toEpochMilli() + maxWarmup(size).toMillis();
    LongUnaryOperator due =
        second -> load.expected(base, new Window("", second * 1000, second * 1000 + 1000));
    var kept = new AtomicBoolean();
    Scenario.await(
        () -> {
          long now = System.currentTimeMillis();
          kept.set(now >= earliest && Pace.kept(fires, due, now));
          return kept.get() || now >= latest;
        },
        Duration.ofMillis(Math.max(0, latest - System.currentTimeMillis()) + 1_000));
    // The window starts at the next whole second, where nothing of it has fallen due yet.
    long from = (Math.floorDiv(System.currentTimeMillis(), 1000L) + 1) * 1000;
    return new WarmUp(new Window("", from, from + size.duration().toMillis()), kept.get());
  }

  /** The window measured after the warm-up, and whether emission kept pace when it started. */
  private record WarmUp(Window window, boolean keptPace) {}

  /** The longest warm-up: five times the minimum (2.5 minutes by default for steady). */
  static Duration maxWarmup(Sizes size) {
    return size.warmup().multipliedBy(5);
  }

  private static String phase(@Nullable Window window) {
    long now = System.currentTimeMillis();
    if (window == null || now < window.from()) {
      return " (warming up)";
    }
    return now < window.to() ? " (measuring)" : "";
  }

  private static List<String> notes(Sizes size) {
    return List.of(
        "fire lateness = firedAt − scheduledAt (emission); visible lateness adds the wait for the"
            + " exactly-once commit and the consumer's fetch; start lateness = startedAt −"
            + " scheduledAt at the worker (Kafka target)",
        "measured window "
            + size.duration()
            + " after a warm-up of at least "
            + size.warmup()
            + " that lasts until emission keeps pace (every occurrence of "
            + Pace.SECONDS
            + " seconds in a row fired, none a second late), at most "
            + maxWarmup(size)
            + "; one scheduler and one worker process");
  }
}
