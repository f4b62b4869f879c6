package dev.punctual.model.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.event.FireIds;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The jitter rule: an offset in [0, jitter) that depends only on the fire id. */
class JitterTest {

  private static final Instant START = Instant.parse("2027-01-01T00:00:00Z");

  @Test
  void theOffsetLiesInTheJitterAndIsTheSameForTheSameFire() {
    long seed = new Random().nextLong();
    var random = new Random(seed);
    for (int i = 0; i < 1_000; i++) {
      var jitter = Duration.ofMillis(1 + random.nextLong(3_600_000));
      var fireId = FireIds.scheduled("job-" + random.nextInt(100), START.plusSeconds(i));
      var offset = Jitter.offset(fireId, jitter);

      assertThat(offset).as("seed %d, %s", seed, fireId).isBetween(Duration.ZERO, jitter);
      assertThat(offset).as("seed %d, %s", seed, fireId).isLessThan(jitter);
      assertThat(Jitter.offset(new String(fireId.toCharArray()), jitter)).isEqualTo(offset);
      assertThat(Jitter.dueAt(fireId, START, jitter)).isEqualTo(START.plus(offset));
    }
  }

  @Test
  void noJitterAndJitterUnderAMillisecondGiveNoOffset() {
    assertThat(Jitter.offset("job@1", Duration.ZERO)).isZero();
    assertThat(Jitter.offset("job@1", Duration.ofNanos(999_999))).isZero();
    assertThat(Jitter.dueAt("job@1", START, Duration.ZERO)).isEqualTo(START);
  }

  @Test
  void theOffsetsOfConsecutiveOccurrencesSpreadEvenlyOverTheJitter() {
    // 10,000 occurrences of one job a minute apart, into ten buckets of a 10 s jitter.
    var jitter = Duration.ofSeconds(10);
    var buckets = new HashMap<Long, Integer>();
    for (int i = 0; i < 10_000; i++) {
      var offset = Jitter.offset(FireIds.scheduled("report", START.plusSeconds(60L * i)), jitter);
      buckets.merge(offset.toMillis() / 1_000, 1, Integer::sum);
    }

    assertThat(buckets).hasSize(10);
    assertThat(buckets.values()).allSatisfy(count -> assertThat(count).isBetween(850, 1_150));
  }

  @Test
  void differentJobsAtTheSameInstantGetDifferentOffsets() {
    var jitter = Duration.ofMinutes(5);
    var offsets = new java.util.HashSet<Duration>();
    for (int i = 0; i < 100; i++) {
      offsets.add(Jitter.offset(FireIds.scheduled("job-" + i, START), jitter));
    }

    // 100 draws from 300,000 values: a few may collide, most do not.
    assertThat(offsets).hasSizeGreaterThan(95);
  }
}
