package dev.punctual.benchmarks.measure;

/**
 * The jobs of a steady load: job {@code i} of {@code n} fires every {@code period} from {@code base
 * + i × period / n}, so the load is spread evenly over the period.
 */
public final class Phases {

  private Phases() {}

  /** The offset of job {@code job}'s first occurrence from the base, in milliseconds. */
  public static long offset(int job, int jobs, long period) {
    return (long) job * period / jobs;
  }

  /** How many occurrences of all jobs fall in [from, to). */
  public static long expected(int jobs, long period, long base, long from, long to) {
    long expected = 0;
    for (int job = 0; job < jobs; job++) {
      expected += occurrences(base + offset(job, jobs, period), period, from, to);
    }
    return expected;
  }

  /** How many of the occurrences {@code first + k × period} (k ≥ 0) fall in [from, to). */
  public static long occurrences(long first, long period, long from, long to) {
    long lowest = Math.max(0, Math.floorDiv(from - first + period - 1, period));
    long highest = Math.floorDiv(to - 1 - first, period);
    return Math.max(0, highest - lowest + 1);
  }
}
