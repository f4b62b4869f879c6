package dev.punctual.scheduler.timer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimerKeyTest {

  private static final Instant NOW = Instant.parse("2027-03-13T07:30:00.250Z");

  @Test
  void roundTripsThroughItsBytes() {
    var key = TimerKey.scheduled(NOW, "nightly-report.v2_x");

    assertThat(TimerKey.fromBytes(key.toBytes())).isEqualTo(key);
  }

  @Test
  void aRetryKeyRoundTripsWithItsFireId() {
    var key = TimerKey.retry(NOW, "job-1", "job-1@manual-a@b");

    assertThat(TimerKey.fromBytes(key.toBytes())).isEqualTo(key);
    assertThat(key.toBytes()).isNotEqualTo(TimerKey.scheduled(NOW, "job-1").toBytes());
  }

  @Test
  void aRetryKeyNeedsAFireIdAndAScheduledOneHasNone() {
    assertThatThrownBy(() -> new TimerKey(NOW, TimerKind.RETRY, "a", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TimerKey(NOW, TimerKind.SCHEDULE, "a", "a@1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theByteOrderIsTheOrderOfDueTimes() {
    var keys =
        List.of(
            TimerKey.scheduled(Instant.ofEpochMilli(0), "z"),
            TimerKey.scheduled(Instant.ofEpochMilli(255), "a"),
            TimerKey.scheduled(Instant.ofEpochMilli(256), "a"),
            TimerKey.scheduled(NOW.minusMillis(1), "zzz"),
            TimerKey.scheduled(NOW, "a"),
            TimerKey.scheduled(NOW, "b"),
            TimerKey.retry(NOW, "a", "a@1"),
            TimerKey.scheduled(Instant.parse("2100-01-01T00:00:00Z"), "a"));
    var byBytes = new ArrayList<>(keys);
    byBytes.sort((a, b) -> a.toBytes().compareTo(b.toBytes()));

    assertThat(byBytes).isEqualTo(keys);
  }

  @Test
  void theScanBoundIncludesTimersDueNowAndExcludesLaterOnes() {
    var bound = TimerKey.dueUpTo(NOW);
    var longestId = "z".repeat(128);

    assertThat(TimerKey.scheduled(NOW, longestId).toBytes().compareTo(bound)).isNegative();
    assertThat(TimerKey.scheduled(NOW.plusMillis(1), "a").toBytes().compareTo(bound)).isPositive();
    assertThat(TimerKey.scheduled(Instant.EPOCH, "a").toBytes().compareTo(TimerKey.earliest()))
        .isPositive();
  }

  @Test
  void refusesTimesBeforeTheEpochWhoseBytesWouldSortLast() {
    assertThatThrownBy(() -> TimerKey.scheduled(Instant.ofEpochMilli(-1), "a"))
        .hasMessageContaining("indicates a bug");
  }
}
