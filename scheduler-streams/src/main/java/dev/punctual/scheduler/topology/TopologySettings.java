package dev.punctual.scheduler.topology;

import java.time.Duration;
import java.util.Objects;

/**
 * What the topology needs to know, apart from the topic names.
 *
 * @param punctuationInterval how often the due timers are looked for (wall-clock time)
 * @param maxFiresPerPunctuation at most this many timers fire in one punctuation; the rest fire in
 *     the next one, so that a burst does not hold up commits
 * @param misfireThreshold an occurrence processed later than this after it was due is missed
 */
public record TopologySettings(
    Duration punctuationInterval, int maxFiresPerPunctuation, Duration misfireThreshold) {

  public static final TopologySettings DEFAULTS =
      new TopologySettings(Duration.ofMillis(50), 10_000, Duration.ofSeconds(60));

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
  }
}
