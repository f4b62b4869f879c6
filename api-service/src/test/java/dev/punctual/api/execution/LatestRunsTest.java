package dev.punctual.api.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.punctual.api.execution.LatestRuns.JobRun;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a batch's records of one job become its one update of the job's latest run. */
class LatestRunsTest {

  private static final Instant T0 = Instant.parse("2027-01-01T00:00:00Z");
  private static final Instant T1 = T0.plusMillis(1);

  @Test
  void theLatestInstantCountsWhateverTheOrder() {
    var runs = new LatestRuns();
    runs.ran("a", T1, "SUCCEEDED", null);
    runs.ran("a", T0, "FAILED", null);

    assertThat(runs.of(List.of("a"))).containsExactly(new JobRun("a", T1, "SUCCEEDED", 0, null));
  }

  @Test
  void ofRecordsAtTheSameInstantTheOneAppliedLastCounts() {
    var runs = new LatestRuns();
    runs.ran("a", T1, "SUCCEEDED", null);
    runs.ran("a", T1, "FAILED", null);

    assertThat(runs.of(List.of("a"))).containsExactly(new JobRun("a", T1, "FAILED", 0, null));
  }

  @Test
  void scheduledRunsAddUpPerJobAndOnlyTheGivenJobsAreListedInIdOrder() {
    var runs = new LatestRuns();
    runs.ran("b", T0, "FIRED", null);
    runs.ran("a", T0, "FIRED", null);
    runs.ran("c", T0, "FIRED", null);
    runs.addRuns("b", 1);
    runs.addRuns("b", 1);
    runs.addRuns("a", 0);
    runs.ran("b", T1, "FIRED", null);

    assertThat(runs.of(List.of("c", "b", "unknown")))
        .containsExactly(
            new JobRun("b", T1, "FIRED", 2, null), new JobRun("c", T0, "FIRED", 0, null));
  }

  @Test
  void theLastScheduledOccurrenceIsTheLatestOfTheScheduledRecordsWhateverTheOrder() {
    var runs = new LatestRuns();
    runs.ran("a", T1, "FIRED", T1);
    runs.ran("a", T1.plusMillis(5), "SUCCEEDED", null);
    runs.ran("a", T0, "FAILED", T0);

    assertThat(runs.of(List.of("a")))
        .containsExactly(new JobRun("a", T1.plusMillis(5), "SUCCEEDED", 0, T1));
  }

  @Test
  void aRunOfAJobWithoutRecordsIsABug() {
    var runs = new LatestRuns();

    assertThatThrownBy(() -> runs.addRuns("a", 1)).hasMessageContaining("indicates a bug");
  }
}
