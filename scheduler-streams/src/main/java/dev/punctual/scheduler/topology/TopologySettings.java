package dev.punctual.scheduler.topology;

import java.time.Duration;
import java.util.Objects;

/**
 * What the topology needs to know, apart from the topic names.
 *
 * @param punctuationInterval how often the due timers are looked for (wall-clock time)
 * @param maxFiresPerPunctuation at most this many timers (or catch-up fires) are processed in one
 *     punctuation of one task; the rest in the next one, so that a burst does not hold up commits
 * @param misfireThreshold an occurrence processed later than this after it was due is missed
 * @param maxCatchUpFires at most this many fires catch up the missed occurrences of one {@code
 *     FIRE_ALL} job
 */
public record TopologySettings(
    Duration punctuationInterval,
    int maxFiresPerPunctuation,
    Duration misfireThreshold,
    int maxCatchUpFires) {

  public static final TopologySettings DEFAULTS =
      new TopologySettings(Duration.ofMillis(50), 10_000, Duration.ofSeconds(60), 1_000);

  public TopologySettings {
    Objects.requireNonNull(punctuationInterval, "punctuationInterval");
    Objects.requireNonNull(misfireThreshold, "misfireThreshold");
    if (!punctuationInterval.isPositive()) {
      throw new IllegalArgumentException("the punctuation interval must be positive");
    }
    if (maxFiresPerPunctuation < 1) {
      throw new IllegalArgumentException("at least one fire per punctuation is needed");
    }
    if (misfireThreshold.isNegative()) {
      throw new IllegalArgumentException("the misfire threshold must not be negative");
    }
    if (maxCatchUpFires < 1) {
      throw new IllegalArgumentException("at least one catch-up fire is needed");
    }
  }

  /** These settings with another punctuation interval and cap. */
  public TopologySettings withPunctuation(Duration interval, int maxFires) {
    return new TopologySettings(interval, maxFires, misfireThreshold, maxCatchUpFires);
  }

  /** These settings with another cap on catch-up fires. */
  public TopologySettings withMaxCatchUpFires(int maxFires) {
    return new TopologySettings(
        punctuationInterval, maxFiresPerPunctuation, misfireThreshold, maxFires);
  }
}
