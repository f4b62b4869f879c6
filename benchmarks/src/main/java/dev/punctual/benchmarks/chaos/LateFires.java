package dev.punctual.benchmarks.chaos;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where lateness came from: scheduled fires more than {@link #LATE_MS} late, counted per fires
 * partition and per {@link #BUCKET_MS} of their emission time, with the worst lateness of each. A
 * stall shows as one partition (a task that moved or restarted) or all of them (the broker or a
 * starved machine) at one moment, to be read beside the kills in the benchmark's log. Not thread
 * safe: the ledger calls it under its lock.
 */
final class LateFires {

  static final long LATE_MS = 2_000;
  static final long BUCKET_MS = 10_000;
  private static final int MAX_LINES = 40;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  /** Count and worst lateness of one partition in one bucket. */
  private static final class Cell {
    long count;
    long worstMs;
  }

  private final Map<Long, Map<Integer, Cell>> buckets = new TreeMap<>();

  void record(int partition, long firedAtMs, long latenessMs) {
    if (latenessMs <= LATE_MS) {
      return;
    }
    var cell =
        buckets
            .computeIfAbsent(firedAtMs / BUCKET_MS, b -> new TreeMap<>())
            .computeIfAbsent(partition, p -> new Cell());
    cell.count++;
    cell.worstMs = Math.max(cell.worstMs, latenessMs);
  }

  /**
   * One line per bucket with late fires, e.g. {@code 08:41:10 p3: 120 late, worst 45.2 s}, at most
   * {@value #MAX_LINES} (the first ones).
   */
  List<String> timeline() {
    var lines = new ArrayList<String>();
    for (var bucket : buckets.entrySet()) {
      if (lines.size() == MAX_LINES) {
        lines.add("… " + (buckets.size() - MAX_LINES) + " more buckets");
        break;
      }
      var line = new StringBuilder(TIME.format(Instant.ofEpochMilli(bucket.getKey() * BUCKET_MS)));
      bucket
          .getValue()
          .forEach(
              (partition, cell) ->
                  line.append(
                      " p%d: %d late, worst %.1f s;"
                          .formatted(partition, cell.count, cell.worstMs / 1000.0)));
      lines.add(line.toString());
    }
    return lines;
  }
}
