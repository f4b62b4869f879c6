package dev.punctual.api.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackgroundLoopTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @Test
  void aFailingRoundIsCountedAndRetriedAndTheLoopGoesOn() {
    var rounds = new AtomicInteger();
    var cleanedUp = new AtomicInteger();
    var loop =
        new BackgroundLoop("flaky", Duration.ofMillis(10), meters) {
          @Override
          protected Duration runOnce() {
            if (rounds.incrementAndGet() <= 2) {
              throw new IllegalStateException("database unreachable");
            }
            return Duration.ofMillis(1);
          }

          @Override
          protected void cleanUp() {
            cleanedUp.incrementAndGet();
          }
        };

    loop.start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> rounds.get() >= 5);
    } finally {
      loop.stop();
    }

    assertThat(meters.get("punctual.api.loop.failures").tag("loop", "flaky").counter().count())
        .isEqualTo(2);
    assertThat(loop.isRunning()).isFalse();
    assertThat(cleanedUp).hasValue(1);
  }

  @Test
  void stopWakesALoopThatWaits() {
    var rounds = new AtomicInteger();
    var loop =
        new BackgroundLoop("idle", Duration.ofMillis(10), meters) {
          @Override
          protected Duration runOnce() {
            rounds.incrementAndGet();
            return Duration.ofHours(1);
          }
        };

    loop.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> rounds.get() == 1);
    long started = System.nanoTime();
    loop.stop();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(loop.isRunning()).isFalse();
    assertThat(rounds).hasValue(1);
  }

  @Test
  void aNudgeEndsTheWaitAndOneDuringARoundIsNotLost() throws Exception {
    var rounds = new AtomicInteger();
    var inRound = new java.util.concurrent.CountDownLatch(1);
    var release = new java.util.concurrent.CountDownLatch(1);
    var loop =
        new BackgroundLoop("nudged", Duration.ofMillis(10), meters) {
          @Override
          protected Duration runOnce() throws InterruptedException {
            if (rounds.incrementAndGet() == 2) {
              inRound.countDown();
              release.await();
            }
            return Duration.ofHours(1);
          }
        };

    loop.start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> rounds.get() == 1);
      // when nudged while it waits, it runs a round at once
      loop.nudge();
      assertThat(inRound.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      // and a nudge during that round makes the next wait end at once
      loop.nudge();
      release.countDown();
      await().atMost(Duration.ofSeconds(10)).until(() -> rounds.get() == 3);
    } finally {
      loop.stop();
    }
    assertThat(rounds).hasValue(3);
  }
}
