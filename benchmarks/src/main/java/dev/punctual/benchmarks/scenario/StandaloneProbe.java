package dev.punctual.benchmarks.scenario;

import dev.punctual.benchmarks.cluster.Cluster;
import dev.punctual.benchmarks.cluster.StandaloneCluster;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What the standalone's own process tells about a run: its resident memory (sampled with each
 * progress line, so a peak between samples can be missed) and the warnings and errors in its log.
 * Against an installation the benchmark did not start there is nothing to probe.
 */
final class StandaloneProbe {

  private static final Pattern WARN = Pattern.compile("^\\S+\\s+WARN\\b");
  private static final Pattern ERROR = Pattern.compile("^\\S+\\s+ERROR\\b");
  // The transaction errors of a fresh broker (issue 12): the producer's retries, the broker's
  // refusals.
  private static final Pattern CONCURRENT_TRANSACTIONS = Pattern.compile("CONCURRENT_TRANSACTIONS");
  private static final Pattern OUT_OF_ORDER = Pattern.compile("OutOfOrderSequenceException");

  private final @Nullable StandaloneCluster standalone;
  private final AtomicLong peak = new AtomicLong();

  StandaloneProbe(Cluster cluster) {
    this.standalone = cluster instanceof StandaloneCluster s ? s : null;
  }

  /**
   * For a progress line: {@code ", RSS 812 MiB"}, remembering the peak; empty without a process.
   */
  String sample() {
    if (standalone == null) {
      return "";
    }
    long rss = standalone.process().residentSetSize();
    peak.accumulateAndGet(rss, Math::max);
    return ", RSS " + (rss >> 20) + " MiB";
  }

  /**
   * Memory at the end and at its sampled peak, the log's WARN and ERROR lines, and how many of them
   * are about transactions.
   */
  Map<String, Object> figures() {
    var figures = new LinkedHashMap<String, Object>();
    if (standalone == null) {
      return figures;
    }
    sample();
    figures.put(
        "AOT cache (./punctual run trains it, JDK 25+)",
        standalone.launch().aotCache().isPresent() ? "used" : "none");
    figures.put(
        "JVM options (with --standalone-jvm-options)",
        String.join(" ", standalone.launch().jvmOptions()));
    figures.put("JVM RSS at the end (MiB)", standalone.process().residentSetSize() >> 20);
    figures.put("JVM RSS peak, sampled every 2 s (MiB)", peak.get() >> 20);
    figures.put("log lines at WARN", standalone.logLines(WARN));
    figures.put("log lines at ERROR", standalone.logLines(ERROR));
    figures.put("log lines: CONCURRENT_TRANSACTIONS", standalone.logLines(CONCURRENT_TRANSACTIONS));
    figures.put("log lines: OutOfOrderSequenceException", standalone.logLines(OUT_OF_ORDER));
    return figures;
  }
}
