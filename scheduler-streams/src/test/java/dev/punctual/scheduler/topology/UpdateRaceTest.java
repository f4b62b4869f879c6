package dev.punctual.scheduler.topology;

import static dev.punctual.scheduler.topology.Jobs.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.job.JobStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A definition or tombstone that arrives while a timer is due but not yet fired (between its due
 * time and the next punctuation). An update never drops the due occurrence (it fires under the old
 * definition) and never fires an occurrence twice; a tombstone wins.
 */
class UpdateRaceTest extends SchedulerDriverTest {

  /** The races below are timed against punctuations at 50, 100, … ms. */
  private static final TopologySettings EVERY_50_MS =
      TopologySettings.DEFAULTS.withPunctuation(Duration.ofMillis(50), 10_000);

  private static final Instant T0 = Instant.parse("2027-03-13T07:30:00Z");
  private static final Duration BEFORE_THE_PUNCTUATION = Duration.ofMillis(30);

  @Test
  void aTombstoneArrivingAfterTheDueTimeButBeforeTheFireWins() {
    scheduler = new SchedulerDriver(T0, EVERY_50_MS, stateDir);
    scheduler.define(aJob("job").every(Duration.ofSeconds(2)).createdAt(at(20)).build());
    scheduler.advance(BEFORE_THE_PUNCTUATION, BEFORE_THE_PUNCTUATION); // due at 20 ms, not fired

    scheduler.delete("job");
    scheduler.advance(Duration.ofSeconds(5));

    assertThat(scheduler.fires()).isEmpty();
    assertThat(scheduler.timers()).isEmpty();
  }

  @Test
  void aTombstoneArrivingWhileARetryIsDueWins() {
    scheduler = new SchedulerDriver(T0, EVERY_50_MS, stateDir);
    scheduler.define(aJob("job").every(Duration.ofHours(1)).createdAt(at(20)).build());
    scheduler.advance(Duration.ofMillis(50));
    var fire = scheduler.newFires().getFirst();
    var failed =
        ExecutionFinished.failed(
            fire, "w1", at(50), at(60), JsonNodeFactory.instance.objectNode(), "HTTP 500: boom");
    scheduler.result(failed);
    scheduler.advanceTo(at(1_060 + 30)); // the retry is due at 1,060 ms; the punctuation at 1,100

    scheduler.delete("job");
    scheduler.advance(Duration.ofSeconds(5));

    assertThat(scheduler.newFires()).isEmpty();
    assertThat(scheduler.timers()).isEmpty();
  }

  @Test
  void anUpdatePausingTheJobAfterItsOccurrenceFellDueFiresThatOccurrenceOnceThenPauses() {
    scheduler = new SchedulerDriver(T0, EVERY_50_MS, stateDir);
    var job = aJob("job").every(Duration.ofSeconds(2)).createdAt(at(20));
    scheduler.define(job.build());
    scheduler.advance(BEFORE_THE_PUNCTUATION, BEFORE_THE_PUNCTUATION);

    scheduler.define(job.paused(true).url("https://b.example").build());
    scheduler.advance(Duration.ofSeconds(5));

    assertThat(scheduler.fires())
        .singleElement()
        .satisfies(
            fire -> {
              assertThat(fire.scheduledAt()).isEqualTo(at(20));
              assertThat(fire.target()).isEqualTo(HttpTarget.post("https://example.com/run"));
            });
    assertThat(scheduler.state("job").status()).isEqualTo(JobStatus.PAUSED);
  }

  @Test
  void anUpdateMovingTheNextOccurrenceEarlierFiresOnlyOnTheNewSchedule() {
    scheduler = new SchedulerDriver(T0, EVERY_50_MS, stateDir);
    scheduler.define(aJob("job").every(Duration.ofSeconds(10)).startAt(at(10_000)).build());
    scheduler.advance(Duration.ofSeconds(1));

    scheduler.define(aJob("job").every(Duration.ofSeconds(10)).startAt(at(5_000)).build());
    scheduler.advance(Duration.ofSeconds(20));

    assertThat(scheduler.fires())
        .extracting(JobFired::scheduledAt)
        .containsExactly(at(5_000), at(15_000));
  }

  @Test
  void anUpdateArrivingAfterAnOutageAppliesTheOldDefinitionsMisfirePolicyFirst() {
    // no punctuation during the outage (punctuations fall on multiples of the interval since the
    // epoch: once a day at midnight UTC, and T0 is 07:30): the update is processed before any
    // punctuation sees the missed occurrences
    var settings = TopologySettings.DEFAULTS.withPunctuation(Duration.ofDays(1), 10_000);
    scheduler = new SchedulerDriver(T0, settings, stateDir);
    var job = aJob("job").every(Duration.ofMinutes(1)).createdAt(at(60_000));
    scheduler.define(job.build());
    scheduler.advance(Duration.ofHours(3), Duration.ofHours(3));
    assertThat(scheduler.fires()).isEmpty();

    scheduler.define(job.url("https://b.example").build());

    assertThat(scheduler.fires())
        .singleElement()
        .satisfies(
            fire -> {
              assertThat(fire.scheduledAt()).isEqualTo(T0.plus(Duration.ofMinutes(180)));
              assertThat(fire.missed()).isEqualTo(180);
              assertThat(fire.target()).isEqualTo(HttpTarget.post("https://example.com/run"));
            });
    assertThat(scheduler.state("job").nextFireAt()).isEqualTo(T0.plus(Duration.ofMinutes(181)));
    assertThat(scheduler.state("job").definition().target())
        .isEqualTo(HttpTarget.post("https://b.example"));
  }

  @Test
  void aJobDeletedAndDefinedAgainStartsAfresh() {
    scheduler = new SchedulerDriver(T0, EVERY_50_MS, stateDir);
    var job = aJob("job").every(Duration.ofSeconds(1)).maxRuns(2);
    scheduler.define(job.createdAt(T0).build());
    scheduler.advance(Duration.ofSeconds(3));
    assertThat(scheduler.newFires()).hasSize(2);
    assertThat(scheduler.state("job").status()).isEqualTo(JobStatus.COMPLETED);

    scheduler.delete("job");
    scheduler.define(job.createdAt(scheduler.now()).build());
    scheduler.advance(Duration.ofSeconds(3));

    assertThat(scheduler.newFires()).hasSize(2);
  }

  private static Instant at(long millisAfterT0) {
    return T0.plusMillis(millisAfterT0);
  }
}
