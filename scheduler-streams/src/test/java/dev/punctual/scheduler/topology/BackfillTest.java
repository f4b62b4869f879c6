package dev.punctual.scheduler.topology;

import static dev.punctual.scheduler.topology.Jobs.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.event.FireIds;
import dev.punctual.model.event.JobCommand;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.event.RecordHeaders;
import dev.punctual.model.event.Trigger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code BACKFILL} commands: one fire per occurrence of the job's schedule in [from, to), now,
 * oldest first, with the occurrence's scheduled fire id and trigger {@code BACKFILL}; at most
 * {@value JobCommand#MAX_BACKFILL_OCCURRENCES} occurrences.
 */
class BackfillTest extends SchedulerDriverTest {

  private static final Instant T0 = Instant.parse("2027-03-13T07:30:00Z");
  private static final Instant NOW = T0.plus(Duration.ofDays(2));

  @BeforeEach
  void start() {
    scheduler = new SchedulerDriver(NOW, stateDir);
  }

  @Test
  void aBackfillOfTenOccurrencesFiresEachOnceOldestFirstWithItsScheduledFireId() {
    scheduler.define(aJob("hourly").every(Duration.ofHours(1)).createdAt(T0).build());
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(scheduler.newFires()).extracting(JobFired::scheduledAt).containsExactly(NOW);
    var before = scheduler.state("hourly");
    var now = scheduler.now();

    // [T0 + 30 min, T0 + 10 h 30 min) holds the occurrences at 1 h … 10 h
    scheduler.backfill("hourly", "req-1", T0.plusSeconds(1_800), T0.plusSeconds(37_800));

    var expected = LongStream.rangeClosed(1, 10).mapToObj(h -> T0.plusSeconds(3_600 * h)).toList();
    var fires = scheduler.newFires();
    assertThat(fires).extracting(JobFired::scheduledAt).containsExactlyElementsOf(expected);
    assertThat(fires)
        .allSatisfy(
            fire -> {
              assertThat(fire.fireId()).isEqualTo(FireIds.scheduled("hourly", fire.scheduledAt()));
              assertThat(fire.trigger()).isEqualTo(Trigger.BACKFILL);
              assertThat(fire.dueAt()).isEqualTo(now);
              assertThat(fire.firedAt()).isEqualTo(now);
              assertThat(fire.attempt()).isEqualTo(1);
              assertThat(fire.missed()).isZero();
            });
    assertThat(scheduler.state("hourly")).as("the schedule is untouched").isEqualTo(before);
    assertThat(scheduler.deadLetters()).isEmpty();
  }

  @Test
  void theRangeExcludesItsEndAndABackfillFiresAPausedJob() {
    scheduler.define(aJob("paused").every(Duration.ofHours(1)).createdAt(T0).paused(true).build());

    scheduler.backfill("paused", "req-1", T0, T0.plusSeconds(3 * 3_600));

    assertThat(scheduler.newFires())
        .extracting(JobFired::scheduledAt)
        .containsExactly(T0, T0.plusSeconds(3_600), T0.plusSeconds(7_200));
  }

  @Test
  void aBackfillOfExactlyTheLimitFiresAndOneMoreIsDeadLetteredWithoutAnyFire() {
    int max = JobCommand.MAX_BACKFILL_OCCURRENCES;
    scheduler.define(aJob("minutely").every(Duration.ofMinutes(1)).createdAt(T0).build());
    scheduler.advance(Duration.ofSeconds(1));
    scheduler.newFires();

    scheduler.backfill("minutely", "too-many", T0, T0.plus(Duration.ofMinutes(max + 1)));
    assertThat(scheduler.newFires()).isEmpty();
    assertThat(scheduler.deadLetters())
        .singleElement()
        .satisfies(
            record ->
                assertThat(error(record.headers().lastHeader(RecordHeaders.ERROR).value()))
                    .contains("backfill too-many")
                    .contains("more than " + max + " occurrences"));

    scheduler.backfill("minutely", "just-enough", T0, T0.plus(Duration.ofMinutes(max)));
    var fires = scheduler.newFires();
    assertThat(fires).hasSize(max);
    assertThat(fires.getFirst().scheduledAt()).isEqualTo(T0);
    assertThat(fires.getLast().scheduledAt()).isEqualTo(T0.plus(Duration.ofMinutes(max - 1)));
  }

  @Test
  void aBackfillOfAnUnknownJobIsDeadLettered() {
    scheduler.backfill("ghost", "req-1", T0, T0.plusSeconds(3_600));

    assertThat(scheduler.fires()).isEmpty();
    assertThat(scheduler.deadLetters())
        .singleElement()
        .satisfies(
            record ->
                assertThat(error(record.headers().lastHeader(RecordHeaders.ERROR).value()))
                    .contains("no job 'ghost' is known to the scheduler"));
  }

  @Test
  void aBackfillOfACronJobFollowsItsZone() {
    scheduler.define(aJob("daily").cron("0 2 * * *", "Europe/Berlin").build());

    // 2 a.m. in Berlin is 01:00 UTC in March before the change to summer time
    scheduler.backfill(
        "daily",
        "req-1",
        Instant.parse("2027-03-01T00:00:00Z"),
        Instant.parse("2027-03-04T00:00:00Z"));

    assertThat(scheduler.newFires())
        .extracting(JobFired::scheduledAt)
        .containsExactly(
            Instant.parse("2027-03-01T01:00:00Z"),
            Instant.parse("2027-03-02T01:00:00Z"),
            Instant.parse("2027-03-03T01:00:00Z"));
  }

  private static String error(byte[] value) {
    return new String(value, StandardCharsets.UTF_8);
  }
}
