package dev.punctual.benchmarks.measure;

import java.time.Duration;
import java.time.Instant;
import java.util.function.IntFunction;

/**
 * A steady load: {@code jobs} interval jobs with Kafka targets, all firing every {@code period},
 * their phases spread evenly over it from a base instant (through {@code startAt}), so that {@code
 * jobs / period} fires fall due every second.
 *
 * @param jobs how many jobs
 * @param period their interval
 */
public record SteadyLoad(int jobs, Duration period) {

  public SteadyLoad {
    if (jobs < 1 || period.toMillis() < 1_000) {
      throw new IllegalArgumentException("a steady load needs jobs and a period of 1 s or more");
    }
  }

  /** Job {@code i}'s definition, id {@code <prefix><i>}, first due at base + its phase. */
  public IntFunction<String> definitions(String prefix, Instant base) {
    long millis = period.toMillis();
    return i ->
        JobLoader.kafkaTargetJob(
            prefix + i, JobLoader.every(period, base.plusMillis(Phases.offset(i, jobs, millis))));
  }

  /** How many occurrences fall due in the window, for jobs whose phases start at {@code base}. */
  public long expected(Instant base, Window window) {
    return Phases.expected(
        jobs, period.toMillis(), base.toEpochMilli(), window.from(), window.to());
  }

  public double firesPerSecond() {
    return jobs * 1000.0 / period.toMillis();
  }
}
