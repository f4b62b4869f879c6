package dev.punctual.benchmarks.measure;

import java.util.Arrays;

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

  synchronized void add(int jobIndex, long scheduled, long event, long received) {
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
