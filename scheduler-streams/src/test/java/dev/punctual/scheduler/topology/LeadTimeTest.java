package dev.punctual.scheduler.topology;

import static dev.punctual.scheduler.topology.Jobs.aJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.punctual.model.event.JobFired;
import dev.punctual.model.schedule.MisfirePolicy;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * With a lead time L a timer fires up to L before it is due: {@code firedAt} may precede {@code
 * dueAt} by at most L, {@code dueAt} stays the occurrence, and misfires are judged against {@code
 * dueAt}. The invariants checked after each test allow exactly L.
 */
class LeadTimeTest extends SchedulerDriverTest {

  private static final Instant T0 = Instant.parse("2027-03-13T07:30:00Z");
  private static final Duration TICK = Duration.ofMillis(50);
  private static final Duration LEAD = Duration.ofMillis(500);

  private SchedulerDriver start(Duration lead) {
    var settings = TopologySettings.DEFAULTS.withPunctuation(TICK, 10_000).withLeadTime(lead);
    scheduler = new SchedulerDriver(T0, settings, stateDir);
    return scheduler;
  }

  @Test
  void firesAnOccurrenceOnceItIsDueWithinTheLeadTimeAndKeepsItsDueTime() {
    start(LEAD);
    scheduler.define(aJob("job").every(Duration.ofSeconds(2)).createdAt(T0.plusSeconds(1)).build());

    scheduler.advanceTo(T0.plusMillis(450));
    assertThat(scheduler.newFires()).isEmpty();
    scheduler.advance(TICK);

    var fire = scheduler.newFires();
    assertThat(fire).hasSize(1);
    assertThat(fire.getFirst().scheduledAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(fire.getFirst().dueAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(fire.getFirst().firedAt()).isEqualTo(T0.plusMillis(500));
    scheduler.advanceTo(T0.plusSeconds(2).plusMillis(450));
    assertThat(scheduler.newFires()).isEmpty();
    scheduler.advance(TICK);
    assertThat(scheduler.newFires())
        .extracting(JobFired::dueAt, JobFired::firedAt)
        .containsExactly(tuple(at(3_000), at(2_500)));
  }

  @Test
  void withoutALeadTimeNothingFiresBeforeItIsDue() {
    start(Duration.ZERO);
    scheduler.define(aJob("job").every(Duration.ofSeconds(2)).createdAt(T0.plusSeconds(1)).build());

    scheduler.advanceTo(T0.plusMillis(950));
    assertThat(scheduler.newFires()).isEmpty();
    scheduler.advance(TICK);
    assertThat(scheduler.newFires())
        .extracting(JobFired::dueAt, JobFired::firedAt)
        .containsExactly(tuple(at(1_000), at(1_000)));
  }

  @Test
  void misfiresAreJudgedAgainstTheDueTimeNotTheLeadWindow() {
    start(LEAD);
    scheduler.define(
        aJob("job")
            .every(Duration.ofSeconds(10))
            .createdAt(T0.plusSeconds(1))
            .misfirePolicy(MisfirePolicy.FIRE_ONCE)
            .build());

    // One punctuation after 5 min, far beyond the 60 s misfire threshold.
    scheduler.advance(Duration.ofMinutes(5), Duration.ofMinutes(5));

    var fires = scheduler.newFires();
    assertThat(fires).hasSize(1);
    var catchUp = fires.getFirst();
    assertThat(catchUp.missed()).isEqualTo(30);
    assertThat(catchUp.scheduledAt()).isEqualTo(at(291_000));
    assertThat(catchUp.firedAt()).isEqualTo(at(300_000));
    // The next occurrence, due at 301 s, is not a misfire although it fires before it is due.
    scheduler.advanceTo(at(300_500));
    assertThat(scheduler.newFires())
        .extracting(JobFired::dueAt, JobFired::firedAt, JobFired::missed)
        .containsExactly(tuple(at(301_000), at(300_500), 0));
  }

  private static Instant at(long millis) {
    return T0.plusMillis(millis);
  }
}
