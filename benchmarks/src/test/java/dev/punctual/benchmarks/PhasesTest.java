package dev.punctual.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.benchmarks.measure.Phases;
import org.junit.jupiter.api.Test;

class PhasesTest {

  @Test
  void jobsAreSpreadEvenlyOverThePeriod() {
    assertThat(Phases.offset(0, 4, 10_000)).isZero();
    assertThat(Phases.offset(1, 4, 10_000)).isEqualTo(2_500);
    assertThat(Phases.offset(3, 4, 10_000)).isEqualTo(7_500);
  }

  @Test
  void expectedCountsEveryOccurrenceInsideTheHalfOpenWindow() {
    // 4 jobs every 10 s from base 0: occurrences at 0, 2.5, 5, 7.5, 10, 12.5 … seconds.
    assertThat(Phases.expected(4, 10_000, 0, 0, 10_000)).isEqualTo(4);
    assertThat(Phases.expected(4, 10_000, 0, 0, 10_001)).isEqualTo(5);
    assertThat(Phases.expected(4, 10_000, 0, 2_500, 5_000)).isEqualTo(1);
    assertThat(Phases.expected(4, 10_000, 0, 20_000, 60_000)).isEqualTo(16);
  }

  @Test
  void nothingIsExpectedBeforeTheFirstOccurrence() {
    assertThat(Phases.expected(10, 1_000, 50_000, 0, 50_000)).isZero();
  }
}
