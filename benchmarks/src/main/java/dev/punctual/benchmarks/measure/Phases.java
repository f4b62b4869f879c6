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
      long first = base + offset(job, jobs, period);
      long lowest = Math.max(0, Math.floorDiv(from - first + period - 1, period));
      long highest = Math.floorDiv(to - 1 - first, period);
      expected += Math.max(0, highest - lowest + 1);
    }
    return expected;
  }
}
