package dev.punctual.benchmarks.measure;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What a watcher saw, one row per record, in columns of primitives (a benchmark sees millions of
 * rows): the job's index, the occurrence it is for, when the event happened (fired or started) and
 * when this JVM received it, all in epoch milliseconds.
 */
public final class Observations {

  private int size;
  private int[] job = new int[1 << 16];
  private long[] scheduledAt = new long[1 << 16];
  private long[] eventAt = new long[1 << 16];
  private long[] receivedAt = new long[1 << 16];

  /**
   * Per second of occurrence (epoch second): rows seen, and rows whose event came a second or more
   * after the occurrence. Kept as rows arrive, so that a scenario can ask while it runs (see {@link
   * Pace}) without copying millions of rows.
   */
  private final Map<Long, int[]> bySecond = new HashMap<>();

  synchronized void add(int jobIndex, long scheduled, long event, long received) {
    var second = bySecond.computeIfAbsent(Math.floorDiv(scheduled, 1000L), s -> new int[2]);
    second[0]++;
    if (event - scheduled >= 1000) {
      second[1]++;
    }
    if (size == job.length) {
      int capacity = size * 2;
      job = Arrays.copyOf(job, capacity);
      scheduledAt = Arrays.copyOf(scheduledAt, capacity);
      eventAt = Arrays.copyOf(eventAt, capacity);
      receivedAt = Arrays.copyOf(receivedAt, capacity);
    }
    job[size] = jobIndex;
    scheduledAt[size] = scheduled;
    eventAt[size] = event;
    receivedAt[size] = received;
    size++;
  }

  public synchronized int size() {
    return size;
  }

  /** Rows whose occurrence lies in the epoch second {@code second}. */
  public synchronized int seenInSecond(long second) {
    var counts = bySecond.get(second);
    return counts == null ? 0 : counts[0];
  }

  /**
   * Rows whose occurrence lies in the epoch second {@code second} and whose event came a second or
   * more after it.
   */
  public synchronized int lateInSecond(long second) {
    var counts = bySecond.get(second);
    return counts == null ? 0 : counts[1];
  }

  /** A consistent copy of everything seen so far. */
  public synchronized Snapshot snapshot() {
    return new Snapshot(
        size,
        Arrays.copyOf(job, size),
        Arrays.copyOf(scheduledAt, size),
        Arrays.copyOf(eventAt, size),
        Arrays.copyOf(receivedAt, size));
  }

  /** Rows {@code 0..size-1}; read-only by convention. */
  public record Snapshot(
      int size, int[] job, long[] scheduledAt, long[] eventAt, long[] receivedAt) {

    /** Rows whose occurrence lies in [from, to). */
    public int[] rowsScheduledIn(long from, long to) {
      return java.util.stream.IntStream.range(0, size)
          .filter(i -> scheduledAt[i] >= from && scheduledAt[i] < to)
          .toArray();
    }

    /** How many rows repeat a (job, occurrence) pair seen before: duplicates. */
    public int duplicates() {
      var seen = new java.util.HashSet<Long>(size * 2);
      int duplicates = 0;
      for (int i = 0; i < size; i++) {
        long key = ((long) job[i] << 42) ^ scheduledAt[i];
        if (!seen.add(key)) {
          duplicates++;
        }
      }
      return duplicates;
    }

    /**
     * How many occurrences of jobs with this period fall in [from, to), counting each job's from
     * the first occurrence seen of it: for jobs whose first occurrence is not known in advance
     * (anchored at their creation, and at the earliest when the scheduler first sees them).
     */
    public long expectedSinceFirstSeen(long period, long from, long to) {
      var first = new java.util.HashMap<Integer, Long>();
      for (int i = 0; i < size; i++) {
        first.merge(job[i], scheduledAt[i], Math::min);
      }
      return first.values().stream().mapToLong(f -> Phases.occurrences(f, period, from, to)).sum();
    }

    /** How many different jobs have a row. */
    public long jobs() {
      return Arrays.stream(job, 0, size).distinct().count();
    }

    /** The earliest occurrence seen, or 0 if none. */
    public long minScheduled() {
      return Arrays.stream(scheduledAt, 0, size).min().orElse(0);
    }

    public long minEvent() {
      return Arrays.stream(eventAt, 0, size).min().orElse(0);
    }

    public long maxEvent() {
      return Arrays.stream(eventAt, 0, size).max().orElse(0);
    }

    public long minReceived() {
      return Arrays.stream(receivedAt, 0, size).min().orElse(0);
    }

    public long maxReceived() {
      return Arrays.stream(receivedAt, 0, size).max().orElse(0);
    }
  }
}
