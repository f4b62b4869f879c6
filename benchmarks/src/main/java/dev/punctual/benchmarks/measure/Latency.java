package dev.punctual.benchmarks.measure;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * A latency distribution in milliseconds (HdrHistogram, 3 significant digits, up to one hour), plus
 * how many values were negative (for fire lateness: fires emitted early).
 */
public final class Latency {

  private final Histogram histogram = new Histogram(3_600_000L, 3);
  private long negative;

  public void record(long millis) {
    if (millis < 0) {
      negative++;
      histogram.recordValue(0);
    } else {
      histogram.recordValue(Math.min(millis, histogram.getHighestTrackableValue()));
    }
  }

  public long count() {
    return histogram.getTotalCount();
  }

  public long negative() {
    return negative;
  }

  public long percentile(double percentile) {
    return histogram.getValueAtPercentile(percentile);
  }

  public long max() {
    return histogram.getMaxValue();
  }

  /** p50, p99, p99.9 and max, keyed with the given prefix, e.g. {@code "lateness p99 (ms)"}. */
  public Map<String, Object> figures(String name) {
    var figures = new LinkedHashMap<String, Object>();
    figures.put(name + " p50 (ms)", percentile(50));
    figures.put(name + " p99 (ms)", percentile(99));
    figures.put(name + " p99.9 (ms)", percentile(99.9));
    figures.put(name + " max (ms)", max());
    return figures;
  }
}
