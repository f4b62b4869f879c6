package dev.punctual.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.model.event.JobFired;
import dev.punctual.model.job.KafkaTarget;
import dev.punctual.worker.Fires;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/** Holding fires until their due time, and cancelling them, by the system clock. */
class HeldFiresTest {

  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final TopicPartition P0 = new TopicPartition("scheduler.fires", 0);
  private static final TopicPartition P1 = new TopicPartition("scheduler.fires", 1);

  private final Clock clock = Clock.systemUTC();
  private final AtomicInteger waiting = new AtomicInteger();
  private final HeldFires held = new HeldFires(clock, waiting);

  @Test
  void aFireAlreadyDueIsNotHeld() {
    var progress = consumed(P0, 0);

    assertThat(held.holdIfEarly(fireDueAt(clock.instant()), progress, 0)).isNull();
    assertThat(held.holdIfEarly(fireDueAt(clock.instant().minusSeconds(5)), progress, 0)).isNull();
    assertThat(waiting).hasValue(0);
  }

  @Test
  void aFireEmittedOnceDueIsNotHeldWhateverTheWorkersClockSays() {
    var target = KafkaTarget.of("out", JsonNodeFactory.instance.stringNode("run"));
    var inTheFuture = clock.instant().plusSeconds(3_600);
    var dueByTheScheduler = Fires.aFire("job", target, inTheFuture);

    assertThat(held.holdIfEarly(dueByTheScheduler, consumed(P0, 0), 0)).isNull();
  }

  @Test
  void aHeldFireMayStartOnlyOnceItIsDue() {
    var fire = fireDueAt(clock.instant().plusMillis(200));
    var hold = held.holdIfEarly(fire, consumed(P0, 0), 0);
    assertThat(waiting).hasValue(1);

    var startedAt = CompletableFuture.supplyAsync(() -> hold.awaitDue() ? clock.instant() : null);

    assertThat(startedAt).succeedsWithin(DEADLINE).isNotNull();
    assertThat(startedAt.join()).isAfterOrEqualTo(fire.dueAt());
    assertThat(waiting).hasValue(0);
    assertThat(held.cancel(partition -> true)).isEmpty();
  }

  @Test
  void cancellingWakesTheWaitingThreadAndItMustNotExecute() {
    var hold = held.holdIfEarly(fireDueAt(clock.instant().plusSeconds(3_600)), consumed(P0, 0), 0);
    var mayExecute = CompletableFuture.supplyAsync(hold::awaitDue);

    var cancelled = held.cancel(P0::equals);

    assertThat(cancelled).containsExactly(hold);
    assertThat(mayExecute).succeedsWithin(DEADLINE).isEqualTo(false);
    assertThat(waiting).hasValue(0);
    assertThat(held.size()).isZero();
  }

  @Test
  void cancelsOnlyTheHoldsOfThePartitionsAsked() {
    var later = clock.instant().plusSeconds(3_600);
    var onP0 = held.holdIfEarly(fireDueAt(later), consumed(P0, 0), 0);
    var onP1 = held.holdIfEarly(fireDueAt(later), consumed(P1, 0), 0);

    assertThat(held.cancel(P1::equals)).containsExactly(onP1);

    assertThat(held.size()).isEqualTo(1);
    assertThat(waiting).hasValue(1);
    assertThat(held.cancel(partition -> true)).containsExactly(onP0);
  }

  @Test
  void anInterruptedWaitNeverExecutes() {
    var hold = held.holdIfEarly(fireDueAt(clock.instant().plusSeconds(3_600)), consumed(P0, 0), 0);
    var result = new CompletableFuture<Boolean>();
    var thread = Thread.ofVirtual().start(() -> result.complete(hold.awaitDue()));

    thread.interrupt();

    assertThat(result).succeedsWithin(DEADLINE).isEqualTo(false);
    assertThat(waiting).hasValue(0);
    assertThat(held.cancel(partition -> true)).isEmpty();
  }

  @Test
  void whenTheDueTimeAndACancelRaceEachFireEitherStartsOrIsCancelledNeverBoth()
      throws InterruptedException {
    int fires = 500;
    // Every fire is held before any thread starts, and the due time leaves room for that on a
    // loaded machine: a fire found already due is not held at all (holdIfEarly answers null).
    var dueAt = clock.instant().plusMillis(300).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    var holds = new ArrayList<HeldFires.Hold>();
    for (int i = 0; i < fires; i++) {
      holds.add(held.holdIfEarly(fireDueAt(dueAt), consumed(P0, i), i));
    }
    assertThat(holds).as("every fire was early when held").doesNotContainNull();
    var started = new AtomicInteger();
    var threads = new Thread[fires];
    for (int i = 0; i < fires; i++) {
      var hold = holds.get(i);
      threads[i] =
          Thread.ofVirtual()
              .start(
                  () -> {
                    if (hold.awaitDue()) {
                      started.incrementAndGet();
                    }
                  });
    }
    await().atMost(DEADLINE).until(() -> !clock.instant().isBefore(dueAt));

    int cancelled = held.cancel(partition -> true).size();

    // join, not Awaitility: its first poll waits 100 ms, which 500 threads made 50 s.
    for (var thread : threads) {
      assertThat(thread.join(DEADLINE)).as("the thread ended").isTrue();
    }
    assertThat(started.get() + cancelled).isEqualTo(fires);
    assertThat(waiting).hasValue(0);
  }

  private static PartitionProgress<Object> consumed(TopicPartition partition, long offset) {
    var progress = new PartitionProgress<>(partition);
    progress.consumed(offset);
    progress.started(offset);
    return progress;
  }

  /** A fire emitted now (early, with a lead time) and due at {@code dueAt}. */
  private JobFired fireDueAt(Instant dueAt) {
    var target = KafkaTarget.of("out", JsonNodeFactory.instance.stringNode("run"));
    return JobFired.scheduled(Fires.aJob("job", target), dueAt, clock.instant(), 0);
  }
}
