package dev.punctual.scheduler.topology;

import static dev.punctual.scheduler.topology.Jobs.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.event.JobFired;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.schedule.DaylightSaving;
import dev.punctual.model.schedule.DaylightSaving.Gap;
import dev.punctual.model.schedule.DaylightSaving.Overlap;
import dev.punctual.model.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each {@code daylightSaving} choice of a cron job through the whole topology, on the days New
 * York, Berlin, Lord Howe (a half-hour shift) and Sydney (southern hemisphere) change their clocks
 * in 2027. Each test runs the wall clock across the change and lists every fire's {@code
 * scheduledAt}; the invariants (never early, one fire per occurrence) are checked after each.
 *
 * <p>Spring forward uses {@code 15,45} past the hours around the change: the :15 and :45 that do
 * not exist fire once at the transition ({@code FIRE_AT_TRANSITION}) or not at all ({@code SKIP}).
 * Fall back uses {@code 0,40} past the repeated hour: at the first instants ({@code FIRST}), the
 * second ({@code LAST}) or both, in instant order ({@code BOTH}).
 */
class DaylightSavingPolicyTest extends SchedulerDriverTest {

  private static final Duration STEP = Duration.ofSeconds(20);

  @ParameterizedTest(name = "{0} {4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # 14 March 02:00 EST -> 03:00 EDT (07:00Z)
          America/New_York    | 15,45 1-3 * * * | 2027-03-14T05:50:00Z | PT2H10M | FIRE_AT_TRANSITION | 06:15 06:45 07:00 07:15 07:45
          America/New_York    | 15,45 1-3 * * * | 2027-03-14T05:50:00Z | PT2H10M | SKIP               | 06:15 06:45 07:15 07:45
          # 28 March 02:00 CET -> 03:00 CEST (01:00Z)
          Europe/Berlin       | 15,45 1-3 * * * | 2027-03-28T00:00:00Z | PT2H    | FIRE_AT_TRANSITION | 00:15 00:45 01:00 01:15 01:45
          Europe/Berlin       | 15,45 1-3 * * * | 2027-03-28T00:00:00Z | PT2H    | SKIP               | 00:15 00:45 01:15 01:45
          # 3 October 02:00 +10:30 -> 02:30 +11 (2 October 15:30Z): 02:15 does not exist
          Australia/Lord_Howe | 15,45 1-2 * * * | 2027-10-02T14:30:00Z | PT1H30M | FIRE_AT_TRANSITION | 14:45 15:15 15:30 15:45
          Australia/Lord_Howe | 15,45 1-2 * * * | 2027-10-02T14:30:00Z | PT1H30M | SKIP               | 14:45 15:15 15:45
          # 3 October 02:00 AEST -> 03:00 AEDT (2 October 16:00Z)
          Australia/Sydney    | 15,45 1-3 * * * | 2027-10-02T15:00:00Z | PT2H    | FIRE_AT_TRANSITION | 15:15 15:45 16:00 16:15 16:45
          Australia/Sydney    | 15,45 1-3 * * * | 2027-10-02T15:00:00Z | PT2H    | SKIP               | 15:15 15:45 16:15 16:45
          """)
  void springForward(String zone, String cron, String start, String run, Gap gap, String fires) {
    var policy = new DaylightSaving(gap, Overlap.FIRST);

    assertThat(run(cron, zone, policy, start, run)).isEqualTo(expected(start, fires));
  }

  @ParameterizedTest(name = "{0} {4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # 7 November 02:00 EDT -> 01:00 EST (06:00Z): 01:00 and 01:40 at 05:xxZ, then at 06:xxZ
          America/New_York    | 0,40 1 * * * | 2027-11-07T04:30:00Z | PT3H | FIRST | 05:00 05:40
          America/New_York    | 0,40 1 * * * | 2027-11-07T04:30:00Z | PT3H | LAST  | 06:00 06:40
          America/New_York    | 0,40 1 * * * | 2027-11-07T04:30:00Z | PT3H | BOTH  | 05:00 05:40 06:00 06:40
          # 31 October 03:00 CEST -> 02:00 CET (01:00Z)
          Europe/Berlin       | 0,40 2 * * * | 2027-10-30T23:30:00Z | PT3H | FIRST | 00:00 00:40
          Europe/Berlin       | 0,40 2 * * * | 2027-10-30T23:30:00Z | PT3H | LAST  | 01:00 01:40
          Europe/Berlin       | 0,40 2 * * * | 2027-10-30T23:30:00Z | PT3H | BOTH  | 00:00 00:40 01:00 01:40
          # 4 April 02:00 +11 -> 01:30 +10:30 (3 April 15:00Z): only 01:30-01:59 repeat, so 01:00 fires once
          Australia/Lord_Howe | 0,40 1 * * * | 2027-04-03T13:30:00Z | PT2H30M | FIRST | 14:00 14:40
          Australia/Lord_Howe | 0,40 1 * * * | 2027-04-03T13:30:00Z | PT2H30M | LAST  | 14:00 15:10
          Australia/Lord_Howe | 0,40 1 * * * | 2027-04-03T13:30:00Z | PT2H30M | BOTH  | 14:00 14:40 15:10
          # 4 April 03:00 AEDT -> 02:00 AEST (3 April 16:00Z)
          Australia/Sydney    | 0,40 2 * * * | 2027-04-03T14:30:00Z | PT3H | FIRST | 15:00 15:40
          Australia/Sydney    | 0,40 2 * * * | 2027-04-03T14:30:00Z | PT3H | LAST  | 16:00 16:40
          Australia/Sydney    | 0,40 2 * * * | 2027-04-03T14:30:00Z | PT3H | BOTH  | 15:00 15:40 16:00 16:40
          """)
  void fallBack(String zone, String cron, String start, String run, Overlap overlap, String fires) {
    var policy = new DaylightSaving(Gap.FIRE_AT_TRANSITION, overlap);

    assertThat(run(cron, zone, policy, start, run)).isEqualTo(expected(start, fires));
  }

  /** Defines the job at {@code start} and runs the wall clock for {@code duration}. */
  private List<Instant> run(
      String cron, String zone, DaylightSaving policy, String start, String duration) {
    scheduler = new SchedulerDriver(Instant.parse(start), stateDir);
    scheduler.define(withPolicy(aJob("dst").cron(cron, zone).build(), policy));
    scheduler.advance(Duration.parse(duration), STEP);
    var fires = scheduler.fires();
    assertThat(fires)
        .allSatisfy(
            fire -> {
              assertThat(fire.missed()).isZero();
              assertThat(fire.dueAt()).isEqualTo(fire.scheduledAt());
              assertThat(fire.firedAt())
                  .isBetween(fire.scheduledAt(), fire.scheduledAt().plus(STEP));
            });
    return fires.stream().map(JobFired::scheduledAt).toList();
  }

  private static JobDefinition withPolicy(JobDefinition job, DaylightSaving policy) {
    var cron = (Schedule.Cron) job.schedule();
    var schedule =
        new Schedule.Cron(
            cron.expression(), cron.options().toBuilder().daylightSaving(policy).build());
    return new JobDefinition(
        job.id(),
        job.name(),
        schedule,
        job.target(),
        job.parameters(),
        job.retry(),
        job.paused(),
        job.version(),
        job.createdAt(),
        job.updatedAt());
  }

  /**
   * The instants of the UTC times of day in {@code times}, on the day of {@code start} or after.
   */
  private static List<Instant> expected(String start, String times) {
    var from = Instant.parse(start);
    var day = from.toString().substring(0, 10);
    return Arrays.stream(times.split(" "))
        .map(time -> Instant.parse(day + "T" + time + ":00Z"))
        .map(instant -> instant.isBefore(from) ? instant.plus(Duration.ofDays(1)) : instant)
        .toList();
  }
}
