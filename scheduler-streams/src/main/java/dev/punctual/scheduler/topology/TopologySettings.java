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
 * @param leadTime a timer fires up to this long before it is due (its fire's {@code firedAt} then
 *     precedes its {@code dueAt}; workers hold it until {@code dueAt}); zero fires nothing early
 */
public record TopologySettings(
    Duration punctuationInterval,
    int maxFiresPerPunctuation,
    Duration misfireThreshold,
    int maxCatchUpFires,
    Duration leadTime) {

  public static final TopologySettings DEFAULTS =
      new TopologySettings(
          Duration.ofMillis(20), 10_000, Duration.ofSeconds(60), 1_000, Duration.ZERO);

  public TopologySettings {
    Objects.requireNonNull(punctuationInterval, "punctuationInterval");
    Objects.requireNonNull(misfireThreshold, "misfireThreshold");
    Objects.requireNonNull(leadTime, "leadTime");
    if (punctuationInterval.toMillis() < 1) {
      throw new IllegalArgumentException("the punctuation interval must be at least 1 ms");
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
    if (leadTime.isNegative()) {
      throw new IllegalArgumentException("the lead time must not be negative");
    }
  }

  /** These settings with another punctuation interval and cap. */
  public TopologySettings withPunctuation(Duration interval, int maxFires) {
    return new TopologySettings(interval, maxFires, misfireThreshold, maxCatchUpFires, leadTime);
  }

  /** These settings with another cap on catch-up fires. */
  public TopologySettings withMaxCatchUpFires(int maxFires) {
    return new TopologySettings(
        punctuationInterval, maxFiresPerPunctuation, misfireThreshold, maxFires, leadTime);
  }

  /** These settings with another lead time. */
  public TopologySettings withLeadTime(Duration lead) {
    return new TopologySettings(
        punctuationInterval, maxFiresPerPunctuation, misfireThreshold, maxCatchUpFires, lead);
  }
}
