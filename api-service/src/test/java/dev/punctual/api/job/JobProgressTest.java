package dev.punctual.api.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.api.testing.Jobs;
import dev.punctual.model.job.RunProgress;
import dev.punctual.model.json.JobDefinitionCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The run progress a re-sync carries, completion derived by the rule of the REST status. */
class JobProgressTest {

  private static final Instant CREATED = Instant.parse("2027-03-13T07:00:00Z");
  private static final Instant NOW = Instant.parse("2027-03-13T09:30:00Z");
  private static final Instant LAST = Instant.parse("2027-03-13T09:00:00Z");

  @Test
  void aOneTimeJobThatRanIsCompleted() {
    var progress =
        JobProgress.of(row("\"at\": \"2027-03-13T09:00:00Z\"", false, 1), Optional.of(LAST), NOW);

    assertThat(progress).isEqualTo(new RunProgress(1, LAST, true));
  }

  @Test
  void aMaxRunsJobIsCompletedAtItsCountAndNotBefore() {
    var schedule = "\"every\": \"PT1H\", \"maxRuns\": 3";

    assertThat(JobProgress.of(row(schedule, false, 3), Optional.of(LAST), NOW).completed())
        .isTrue();
    assertThat(JobProgress.of(row(schedule, false, 2), Optional.of(LAST), NOW))
        .isEqualTo(new RunProgress(2, LAST, false));
  }

  @Test
  void aPausedJobIsCompletedWhenResumingItWouldFindNothingLeft() {
    var schedule = "\"every\": \"PT1H\", \"maxRuns\": 3";

    assertThat(JobProgress.of(row(schedule, true, 3), Optional.of(LAST), NOW).completed()).isTrue();
    assertThat(JobProgress.of(row(schedule, true, 1), Optional.of(LAST), NOW).completed())
        .isFalse();
  }

  @Test
  void aJobThatNeverRanCarriesNoOccurrence() {
    assertThat(JobProgress.of(row("\"every\": \"PT1H\"", false, 0), Optional.empty(), NOW))
        .isEqualTo(new RunProgress(0, null, false));
  }

  private static JobRow row(String schedule, boolean paused, long runs) {
    var definition =
        JobDefinitionCodec.parse(
                Jobs.definition("j", schedule).getBytes(StandardCharsets.UTF_8), null)
            .withPaused(paused)
            .withVersion(1, CREATED, CREATED);
    return new JobRow(definition, null, null, runs);
  }
}
