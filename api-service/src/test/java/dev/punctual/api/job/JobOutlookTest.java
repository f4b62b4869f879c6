package dev.punctual.api.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.api.testing.Jobs;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.job.JobStatus;
import dev.punctual.model.json.JobDefinitionCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobOutlookTest {

  private static final Instant CREATED = Instant.parse("2027-03-13T07:00:10Z");
  private static final Instant NOW = Instant.parse("2027-03-13T07:29:30Z");

  @Test
  void anIntervalRunsNextAtTheAnchorPlusAWholeNumberOfIntervals() {
    var outlook = JobOutlook.of(job("\"every\": \"PT15M\""), 2, NOW);

    assertThat(outlook)
        .isEqualTo(new JobOutlook(JobStatus.ACTIVE, Instant.parse("2027-03-13T07:30:10Z")));
  }

  @Test
  void aCronRunsNextAtItsNextWallTimeInItsZone() {
    var outlook =
        JobOutlook.of(job("\"cron\": \"0 2 * * *\", \"timeZone\": \"Europe/Berlin\""), 0, NOW);

    // 2027-03-14 02:00 in Berlin is 01:00 UTC (CET, before the switch to summer time).
    assertThat(outlook.nextRunAt()).isEqualTo(Instant.parse("2027-03-14T01:00:00Z"));
  }

  @Test
  void anOccurrenceExactlyNowIsNext() {
    var outlook = JobOutlook.of(job("\"cron\": \"*/30 * * * * *\""), 0, NOW);

    assertThat(outlook.nextRunAt()).isEqualTo(NOW);
  }

  @Test
  void aPausedJobHasNoNextRun() {
    var paused = job("\"every\": \"PT1M\"").withPaused(true);

    assertThat(JobOutlook.of(paused, 0, NOW)).isEqualTo(new JobOutlook(JobStatus.PAUSED, null));
  }

  @Test
  void aJobPastItsEndIsCompleted() {
    var ended = job("\"every\": \"PT1M\", \"endAt\": \"2027-03-13T07:20:00Z\"");

    assertThat(JobOutlook.of(ended, 5, NOW)).isEqualTo(new JobOutlook(JobStatus.COMPLETED, null));
  }

  @Test
  void aJobThatRanMaxRunsTimesIsCompleted() {
    var limited = job("\"every\": \"PT1M\", \"maxRuns\": 3");

    assertThat(JobOutlook.of(limited, 2, NOW).status()).isEqualTo(JobStatus.ACTIVE);
    assertThat(JobOutlook.of(limited, 3, NOW)).isEqualTo(new JobOutlook(JobStatus.COMPLETED, null));
  }

  @Test
  void aOneTimeJobIsCompletedOnceItRan() {
    var once = job("\"at\": \"2027-03-13T07:10:00Z\"");

    assertThat(JobOutlook.of(once, 1, NOW)).isEqualTo(new JobOutlook(JobStatus.COMPLETED, null));
  }

  @Test
  void aOneTimeJobWhoseRunIsNotKnownYetIsStillActive() {
    var once = job("\"at\": \"2027-03-13T07:10:00Z\"");

    assertThat(JobOutlook.of(once, 0, NOW)).isEqualTo(new JobOutlook(JobStatus.ACTIVE, null));
  }

  @Test
  void aOneTimeJobCreatedAfterItsTimeWithSkipNeverRuns() {
    var once = job("\"at\": \"2027-03-13T06:00:00Z\", \"misfirePolicy\": \"SKIP\"");

    assertThat(JobOutlook.of(once, 0, NOW).status()).isEqualTo(JobStatus.COMPLETED);
  }

  @Test
  void aOneTimeJobInTheFutureRunsAtItsTime() {
    var once = job("\"at\": \"2027-03-13T08:00:00Z\"");

    assertThat(JobOutlook.of(once, 0, NOW))
        .isEqualTo(new JobOutlook(JobStatus.ACTIVE, Instant.parse("2027-03-13T08:00:00Z")));
  }

  private static JobDefinition job(String schedule) {
    var definition =
        JobDefinitionCodec.parse(
            Jobs.definition("j", schedule).getBytes(StandardCharsets.UTF_8), null);
    return definition.withVersion(1, CREATED, CREATED);
  }
}
