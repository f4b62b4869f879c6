package dev.punctual.scheduler.topology;

import static dev.punctual.scheduler.topology.Jobs.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.event.FireIds;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.schedule.Jitter;
import dev.punctual.scheduler.timer.TimerKey;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A job with a jitter J fires each occurrence at {@code scheduledAt} plus an offset in [0, J)
 * derived from its fire id: its timer is due then, its fire carries that {@code dueAt}, and the
 * offset comes out the same after a restart.
 */
class JitterTest extends SchedulerDriverTest {

  private static final Instant T0 = Instant.parse("2027-03-13T07:30:00Z");
  private static final Duration EVERY = Duration.ofMinutes(1);
  private static final Duration JITTER = Duration.ofSeconds(20);
  private static final Duration STEP = Duration.ofMillis(100);

  @Test
  void eachOccurrenceIsDueAtItsOffsetInsideTheJitterAndFiresThenNotBefore() {
    scheduler = new SchedulerDriver(T0, stateDir);
    scheduler.define(aJob("spread").every(EVERY).jitter(JITTER).createdAt(T0).build());

    scheduler.advance(Duration.ofMinutes(10), STEP);

    var now = scheduler.now();
    var expected =
        LongStream.rangeClosed(0, 10)
            .mapToObj(k -> T0.plus(EVERY.multipliedBy(k)))
            .filter(occurrence -> !dueAt(occurrence).isAfter(now))
            .toList();
    var fires = scheduler.fires();
    assertThat(fires).extracting(JobFired::scheduledAt).containsExactlyElementsOf(expected);
    assertThat(fires)
        .allSatisfy(
            fire -> {
              assertThat(fire.fireId()).isEqualTo(FireIds.scheduled("spread", fire.scheduledAt()));
              assertThat(fire.dueAt()).isEqualTo(dueAt(fire.scheduledAt()));
              assertThat(Duration.between(fire.scheduledAt(), fire.dueAt()))
                  .isGreaterThanOrEqualTo(Duration.ZERO)
                  .isLessThan(JITTER);
              assertThat(fire.firedAt()).isBetween(fire.dueAt(), fire.dueAt().plus(STEP));
              assertThat(fire.missed()).isZero();
            });
    assertThat(
            fires.stream()
                .map(fire -> Duration.between(fire.scheduledAt(), fire.dueAt()))
                .distinct())
        .as("the offsets differ between occurrences")
        .hasSizeGreaterThan(1);
  }

  @Test
  void theOffsetIsTheSameAfterARestartOnTheSameState() {
    var occurrence = firstOccurrenceWithAnOffsetOfAtLeast(Duration.ofSeconds(2));
    var dueAt = dueAt(occurrence);
    scheduler = new SchedulerDriver(T0, stateDir);
    scheduler.define(aJob("spread").every(EVERY).jitter(JITTER).createdAt(T0).build());
    // past the occurrence's nominal time, a second before it is due
    scheduler.advanceTo(dueAt.minusSeconds(1));
    assertThat(scheduler.newFires()).extracting(JobFired::scheduledAt).doesNotContain(occurrence);
    var timersBefore = scheduler.timers();
    assertThat(timersBefore).containsExactly(TimerKey.scheduled(dueAt, "spread"));

    scheduler.restart(Duration.ZERO);

    assertThat(scheduler.timers()).isEqualTo(timersBefore);
    scheduler.advanceTo(dueAt.minus(STEP));
    assertThat(scheduler.newFires()).isEmpty();
    scheduler.advanceTo(dueAt.plus(STEP));
    assertThat(scheduler.newFires())
        .singleElement()
        .satisfies(
            fire -> {
              assertThat(fire.scheduledAt()).isEqualTo(occurrence);
              assertThat(fire.dueAt()).isEqualTo(dueAt);
              assertThat(fire.firedAt()).isAfterOrEqualTo(dueAt);
            });
  }

  @Test
  void aCatchUpEndsBeforeAnOccurrenceWhoseJitteredDueTimeIsStillAhead() {
    var pending = firstOccurrenceWithAnOffsetOfAtLeast(Duration.ofSeconds(2));
    var previous = pending.minus(EVERY);
    scheduler = new SchedulerDriver(T0, stateDir);
    scheduler.define(aJob("spread").every(EVERY).jitter(JITTER).createdAt(T0).build());
    scheduler.advance(STEP);
    scheduler.newFires();

    // down until just after the pending occurrence's nominal time, before it is due
    scheduler.restart(Duration.between(scheduler.now(), pending.plusMillis(1)));
    scheduler.advance(STEP);

    var now = scheduler.now();
    assertThat(scheduler.newFires())
        .singleElement()
        .satisfies(
            fire -> {
              assertThat(fire.scheduledAt()).isEqualTo(previous);
              assertThat(fire.dueAt()).isEqualTo(dueAt(previous));
              assertThat(fire.firedAt()).isBetween(pending, now);
              assertThat(fire.missed()).isPositive();
            });
    assertThat(scheduler.missed())
        .singleElement()
        .satisfies(missed -> assertThat(missed.to()).isEqualTo(previous));
    assertThat(scheduler.timers()).containsExactly(TimerKey.scheduled(dueAt(pending), "spread"));

    scheduler.advanceTo(dueAt(pending).plus(STEP));
    assertThat(scheduler.newFires())
        .singleElement()
        .satisfies(
            fire -> {
              assertThat(fire.scheduledAt()).isEqualTo(pending);
              assertThat(fire.missed()).isZero();
            });
  }

  /**
   * The first occurrence from T0 + 3 min on (so that at least two come before it) whose jitter
   * offset is at least {@code offset}.
   */
  private static Instant firstOccurrenceWithAnOffsetOfAtLeast(Duration offset) {
    return LongStream.rangeClosed(3, 1_000)
        .mapToObj(k -> T0.plus(EVERY.multipliedBy(k)))
        .filter(
            occurrence -> Duration.between(occurrence, dueAt(occurrence)).compareTo(offset) >= 0)
        .findFirst()
        .orElseThrow();
  }

  private static Instant dueAt(Instant occurrence) {
    return Jitter.dueAt(FireIds.scheduled("spread", occurrence), occurrence, JITTER);
  }
}
