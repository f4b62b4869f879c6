package dev.punctual.benchmarks.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ObservationsTest {

  @Test
  void occurrencesAreExpectedFromEachJobsFirstFireOn() {
    // Job 0 first fires at 1,000, job 1 at 1,500 (period 1 s); job 1 skipped 3,500.
    var seen =
        snapshot(
            new int[] {0, 1, 0, 1, 0, 0}, new long[] {1_000, 1_500, 2_000, 2_500, 3_000, 4_000});

    long expected = seen.expectedSinceFirstSeen(1_000, 1_000, 5_000);

    // Job 0: 1,000 2,000 3,000 4,000; job 1: 1,500 2,500 3,500 4,500.
    assertThat(expected).isEqualTo(8);
    assertThat(expected - seen.size()).isEqualTo(2);
  }

  @Test
  void aWindowAfterTheFirstFiresCountsOnlyItsOwnOccurrences() {
    var seen = snapshot(new int[] {0, 1}, new long[] {1_000, 1_500});

    assertThat(seen.expectedSinceFirstSeen(1_000, 3_000, 4_000)).isEqualTo(2);
    assertThat(seen.expectedSinceFirstSeen(1_000, 0, 1_200)).isEqualTo(1);
  }

  @Test
  void jobsAndTheEarliestOccurrenceAreCounted() {
    var seen = snapshot(new int[] {3, 1, 3}, new long[] {5_000, 4_000, 6_000});

    assertThat(seen.jobs()).isEqualTo(2);
    assertThat(seen.minScheduled()).isEqualTo(4_000);
  }

  private static Observations.Snapshot snapshot(int[] jobs, long[] scheduled) {
    return new Observations.Snapshot(
        jobs.length, jobs, scheduled, scheduled.clone(), scheduled.clone());
  }
}
