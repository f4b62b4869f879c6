package dev.punctual.benchmarks.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.benchmarks.chaos.SettleWatch.Verdict;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SettleWatchTest {

  private static final long SECOND = 1_000_000_000L;

  private final SettleWatch watch =
      new SettleWatch(Duration.ofSeconds(60), Duration.ofMinutes(10), 1_000 * SECOND);

  private Verdict at(long seconds, long missing) {
    return watch.observe(missing, (1_000 + seconds) * SECOND);
  }

  @Test
  void settledAsSoonAsNothingIsMissing() {
    assertThat(at(0, 0)).isEqualTo(Verdict.SETTLED);
    assertThat(at(5, 10)).isEqualTo(Verdict.WAIT);
    assertThat(at(6, 0)).isEqualTo(Verdict.SETTLED);
  }

  @Test
  void waitsAsLongAsTheBacklogShrinks() {
    for (int s = 0; s < 590; s += 10) {
      assertThat(at(s, 100_000 - s)).as("at %d s", s).isEqualTo(Verdict.WAIT);
    }
  }

  @Test
  void stallsAfterThePatienceWithoutANewLow() {
    assertThat(at(0, 500)).isEqualTo(Verdict.WAIT);
    assertThat(at(30, 400)).isEqualTo(Verdict.WAIT);
    // Going up and back down to the same count is no progress.
    assertThat(at(60, 450)).isEqualTo(Verdict.WAIT);
    assertThat(at(89, 400)).isEqualTo(Verdict.WAIT);
    assertThat(at(90, 400)).isEqualTo(Verdict.STALLED);
  }

  @Test
  void stallsWhenTheFirstCountNeverShrinks() {
    assertThat(at(0, 7)).isEqualTo(Verdict.WAIT);
    assertThat(at(59, 7)).isEqualTo(Verdict.WAIT);
    assertThat(at(60, 7)).isEqualTo(Verdict.STALLED);
  }

  @Test
  void stopsAtTheDeadlineEvenWhileShrinking() {
    assertThat(at(599, 2)).isEqualTo(Verdict.WAIT);
    assertThat(at(600, 1)).isEqualTo(Verdict.DEADLINE);
  }
}
