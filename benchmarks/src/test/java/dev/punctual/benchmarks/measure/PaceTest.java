package dev.punctual.benchmarks.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PaceTest {

  private static final long NOW = 1_000_000_000L; // ms; second 1,000,000 has just begun
  private static final long LAST_JUDGED = NOW / 1000 - Pace.SETTLE_SECONDS - 1;
  private static final long FIRST_JUDGED = LAST_JUDGED - Pace.SECONDS + 1;

  private final Observations fires = new Observations();

  @Test
  void keptWhenEveryJudgedSecondSawItsFiresInTime() {
    fireEvery(10, FIRST_JUDGED, LAST_JUDGED, 999);

    assertThat(Pace.kept(fires, second -> 10, NOW)).isTrue();
  }

  @Test
  void notKeptWhenAJudgedSecondMissesAFire() {
    fireEvery(10, FIRST_JUDGED, LAST_JUDGED, 5);
    fireEvery(9, LAST_JUDGED, LAST_JUDGED, 5);

    assertThat(Pace.kept(fires, second -> second == LAST_JUDGED ? 20 : 10, NOW)).isFalse();
  }

  @Test
  void notKeptWhenOneFireOfAJudgedSecondCameASecondLate() {
    fireEvery(10, FIRST_JUDGED, LAST_JUDGED, 5);
    fires.add(0, FIRST_JUDGED * 1000, FIRST_JUDGED * 1000 + 1000, NOW);

    assertThat(Pace.kept(fires, second -> second == FIRST_JUDGED ? 11 : 10, NOW)).isFalse();
  }

  @Test
  void secondsTooRecentOrTooOldAreNotJudged() {
    fireEvery(10, FIRST_JUDGED, LAST_JUDGED, 5);
    // the seconds after the judged ones have not settled yet; the one before is history
    fires.add(1, (LAST_JUDGED + 1) * 1000, (LAST_JUDGED + 1) * 1000 + 5_000, NOW);
    fires.add(1, (FIRST_JUDGED - 1) * 1000, (FIRST_JUDGED - 1) * 1000 + 5_000, NOW);

    assertThat(Pace.kept(fires, second -> 10, NOW)).isTrue();
  }

  @Test
  void secondsWithNothingDueAreSkippedButOneMustHaveHadSomething() {
    fireEvery(1, LAST_JUDGED, LAST_JUDGED, 5);

    assertThat(Pace.kept(fires, second -> second == LAST_JUDGED ? 1 : 0, NOW)).isTrue();
    assertThat(Pace.kept(fires, second -> 0, NOW)).isFalse();
  }

  @Test
  void nothingSeenIsNotKeptPace() {
    assertThat(Pace.kept(fires, second -> 10, NOW)).isFalse();
  }

  /** {@code perSecond} fires for each second in [from, to], each {@code lateMs} after its time. */
  private void fireEvery(int perSecond, long from, long to, long lateMs) {
    for (long second = from; second <= to; second++) {
      for (int i = 0; i < perSecond; i++) {
        long scheduled = second * 1000 + i;
        fires.add(i, scheduled, scheduled + lateMs, NOW);
      }
    }
  }
}
