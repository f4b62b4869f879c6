package dev.punctual.scheduler.topology;

import static dev.punctual.scheduler.topology.Jobs.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.FireIds;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.event.MissedOccurrences;
import dev.punctual.model.event.Trigger;
import dev.punctual.model.schedule.OverlapPolicy;
import dev.punctual.scheduler.timer.TimerKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The overlap policy with slow targets (no result piped yet = the run is still going): {@code SKIP}
 * fires nothing while a run is open and reports each skipped occurrence on the missed topic; {@code
 * BUFFER_ONE} fires one waiting occurrence as soon as the final result arrives; a fire without a
 * result counts as finished after its bound; {@code ALLOW} fires every occurrence.
 */
class OverlapTest extends SchedulerDriverTest {

  private static final Instant T0 = Instant.parse("2027-03-13T07:30:00Z");
  private static final Duration EVERY = Duration.ofSeconds(10);
  private static final Duration TICK = Duration.ofMillis(100);

  /** A job with the default HTTP timeout (30 s) and no retry: its fires are open for 90 s. */
  private static final Duration NO_RETRY_BOUND = Duration.ofSeconds(30 + 60);

  @BeforeEach
  void start() {
    scheduler = new SchedulerDriver(T0, stateDir);
  }

  @Test
  void skipFiresNothingWhileARunIsOpenAndFiresAgainAfterItsResult() {
    scheduler.define(job("slow", OverlapPolicy.SKIP).build());
    var first = single(scheduler.newFires());
    assertThat(first.scheduledAt()).isEqualTo(T0);

    scheduler.advance(Duration.ofSeconds(35), TICK);

    assertThat(scheduler.newFires()).as("nothing while the first run is open").isEmpty();
    assertThat(scheduler.newMissed())
        .containsExactly(
            skipped("slow", "SKIP", at(10), null, at(10)),
            skipped("slow", "SKIP", at(20), null, at(20)),
            skipped("slow", "SKIP", at(30), null, at(30)));
    assertThat(missedCount("OVERLAP")).isEqualTo(3);

    scheduler.result(succeeded(first));
    scheduler.advanceTo(at(40));

    var next = single(scheduler.newFires());
    assertThat(next.scheduledAt()).isEqualTo(at(40));
    assertThat(next.firedAt()).isBetween(at(40), at(40).plus(TICK));
    assertThat(scheduler.newMissed()).isEmpty();
    assertThat(scheduler.state("slow").runs()).as("skipped occurrences are no runs").isEqualTo(2);
  }

  @Test
  void aFailureWithRetriesLeftKeepsTheRunOpenAndTheFinalFailureClosesIt() {
    scheduler.define(
        job("flaky", OverlapPolicy.SKIP)
            .retry(2, Duration.ofSeconds(1), 1.0, Duration.ofSeconds(1))
            .build());
    var first = single(scheduler.newFires());

    scheduler.advanceTo(at(2));
    scheduler.result(failed(first));
    scheduler.advanceTo(at(3).plus(TICK));
    var retry = single(scheduler.newFires());
    assertThat(retry.trigger()).isEqualTo(Trigger.RETRY);

    scheduler.advanceTo(at(15));
    assertThat(scheduler.newFires()).as("the occurrence at 10 s overlaps the retry").isEmpty();
    assertThat(scheduler.newMissed())
        .containsExactly(skipped("flaky", "SKIP", at(10), null, at(10)));

    scheduler.result(failed(retry));
    assertThat(scheduler.deadLetters()).as("the final failure").hasSize(1);
    scheduler.advanceTo(at(20).plus(TICK));

    assertThat(single(scheduler.newFires()).scheduledAt()).isEqualTo(at(20));
    assertThat(scheduler.newMissed()).isEmpty();
  }

  @Test
  void bufferOneFiresExactlyOneWaitingOccurrenceWithItsOwnScheduledAtAfterTheResult() {
    scheduler.define(job("report", OverlapPolicy.BUFFER_ONE).build());
    var first = single(scheduler.newFires());

    scheduler.advanceTo(at(45));

    assertThat(scheduler.newFires()).isEmpty();
    assertThat(scheduler.newMissed())
        .as("the occurrence at 10 s waits; the later ones are skipped for it")
        .containsExactly(
            skipped("report", "BUFFER_ONE", at(20), at(10), at(20)),
            skipped("report", "BUFFER_ONE", at(30), at(10), at(30)),
            skipped("report", "BUFFER_ONE", at(40), at(10), at(40)));

    scheduler.result(succeeded(first));

    var buffered = single(scheduler.newFires());
    assertThat(buffered.scheduledAt()).isEqualTo(at(10));
    assertThat(buffered.fireId()).isEqualTo(FireIds.scheduled("report", at(10)));
    assertThat(buffered.trigger()).isEqualTo(Trigger.SCHEDULE);
    assertThat(buffered.firedAt()).isEqualTo(at(45));

    scheduler.advanceTo(at(52));
    assertThat(scheduler.newFires())
        .as("the occurrence at 50 s waits for the buffered one")
        .isEmpty();
    scheduler.result(succeeded(buffered));
    assertThat(single(scheduler.newFires()).scheduledAt()).isEqualTo(at(50));
    assertThat(scheduler.newMissed()).isEmpty();
  }

  @Test
  void aRunWithoutAResultCountsAsFinishedAfterItsBound() {
    scheduler.define(job("lost", OverlapPolicy.SKIP).retry(1, TICK, 1.0, TICK).build());
    var first = single(scheduler.newFires());
    assertThat(scheduler.state("lost").open().finishBy()).isEqualTo(T0.plus(NO_RETRY_BOUND));

    scheduler.advanceTo(at(90).minusMillis(1));
    assertThat(scheduler.newFires()).isEmpty();
    assertThat(scheduler.newMissed()).hasSize(8); // 10 s to 80 s

    scheduler.advanceTo(at(90).plus(TICK));

    assertThat(single(scheduler.newFires()).scheduledAt()).isEqualTo(at(90));
    scheduler.result(succeeded(first)); // the lost result, late: it closes nothing newer
    scheduler.advanceTo(at(100).plus(TICK));
    assertThat(scheduler.newFires()).isEmpty();
  }

  @Test
  void aBufferedOccurrenceFiresWhenTheBoundPassesWithoutAResult() {
    scheduler.define(job("lost", OverlapPolicy.BUFFER_ONE).retry(1, TICK, 1.0, TICK).build());
    single(scheduler.newFires());
    scheduler.advanceTo(at(10).plus(TICK));
    assertThat(scheduler.timers()).contains(TimerKey.release(T0.plus(NO_RETRY_BOUND), "lost"));

    scheduler.advanceTo(T0.plus(NO_RETRY_BOUND).minusMillis(1));
    assertThat(scheduler.newFires()).isEmpty();
    scheduler.advanceTo(T0.plus(NO_RETRY_BOUND).plus(TICK));

    var released = single(scheduler.newFires());
    assertThat(released.scheduledAt()).isEqualTo(at(10));
    assertThat(released.firedAt()).isBetween(at(90), at(90).plus(TICK));
    assertThat(scheduler.state("lost").open().fireId()).isEqualTo(released.fireId());
  }

  @Test
  void theOpenRunAndTheWaitingOccurrenceSurviveARestart() {
    scheduler.define(job("durable", OverlapPolicy.BUFFER_ONE).build());
    var first = single(scheduler.newFires());
    scheduler.advanceTo(at(25));
    assertThat(scheduler.newMissed()).hasSize(1);

    scheduler.restart();
    scheduler.advanceTo(at(35));
    assertThat(scheduler.newFires()).isEmpty();
    assertThat(scheduler.newMissed())
        .containsExactly(skipped("durable", "BUFFER_ONE", at(30), at(10), at(30)));
    scheduler.result(succeeded(first));

    assertThat(single(scheduler.newFires()).scheduledAt()).isEqualTo(at(10));
  }

  @Test
  void aCatchUpAfterAMisfireDoesNotDropTheWaitingOccurrence() {
    scheduler.define(job("behind", OverlapPolicy.BUFFER_ONE).build());
    var first = single(scheduler.newFires());
    scheduler.advanceTo(at(15));

    // the scheduler is stopped for 90 s, more than the misfire threshold: a catch-up fires
    scheduler.advance(Duration.ofSeconds(90), Duration.ofSeconds(90));
    var catchUp = single(scheduler.newFires());
    assertThat(catchUp.missed()).isPositive();

    scheduler.result(succeeded(first));
    assertThat(single(scheduler.newFires()).scheduledAt()).isEqualTo(at(10));
  }

  @Test
  void manualTriggersNeitherWaitNorCloseTheOpenRun() {
    scheduler.define(job("busy", OverlapPolicy.SKIP).build());
    var first = single(scheduler.newFires());

    scheduler.advanceTo(at(5));
    scheduler.trigger("busy", "r1");
    var manual = single(scheduler.newFires());
    assertThat(manual.trigger()).isEqualTo(Trigger.MANUAL);
    scheduler.result(succeeded(manual));
    scheduler.advanceTo(at(10).plus(TICK));

    assertThat(scheduler.newFires()).as("the scheduled run is still open").isEmpty();
    assertThat(scheduler.state("busy").open().fireId()).isEqualTo(first.fireId());
  }

  @Test
  void allowFiresEveryOccurrenceAndTracksNothing() {
    scheduler.define(job("free", OverlapPolicy.ALLOW).build());

    scheduler.advanceTo(at(30).plus(TICK));

    assertThat(scheduler.newFires())
        .extracting(JobFired::scheduledAt)
        .containsExactly(T0, at(10), at(20), at(30));
    assertThat(scheduler.state("free").open()).isNull();
    assertThat(scheduler.newMissed()).isEmpty();
    assertThat(missedCount("OVERLAP")).isZero();
  }

  private static Jobs job(String id, OverlapPolicy policy) {
    return aJob(id).every(EVERY).createdAt(T0).overlapPolicy(policy);
  }

  private ExecutionFinished succeeded(JobFired fire) {
    return ExecutionFinished.succeeded(fire, "w1", fire.dueAt(), scheduler.now(), detail());
  }

  private ExecutionFinished failed(JobFired fire) {
    return ExecutionFinished.failed(
        fire, "w1", fire.dueAt(), scheduler.now(), detail(), "HTTP 503: unavailable");
  }

  private static MissedOccurrences skipped(
      String jobId, String policy, Instant occurrence, Instant fired, Instant detectedAt) {
    return new MissedOccurrences(
        jobId,
        MissedOccurrences.Reason.OVERLAP,
        policy,
        occurrence,
        occurrence,
        1,
        fired,
        detectedAt);
  }

  private double missedCount(String reason) {
    return scheduler
        .registry()
        .get(SchedulerMetrics.MISSED_RECORDS)
        .tag("reason", reason)
        .counter()
        .count();
  }

  private static tools.jackson.databind.node.ObjectNode detail() {
    return JsonNodeFactory.instance.objectNode().put("httpStatus", 200);
  }

  private static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  private static JobFired single(List<JobFired> fires) {
    assertThat(fires).hasSize(1);
    return fires.getFirst();
  }
}
