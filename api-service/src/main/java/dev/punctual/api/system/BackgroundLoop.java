package dev.punctual.api.system;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A loop on its own thread that runs {@link #runOnce()} from the application's start until its
 * stop, and never dies of a failure: whatever a round throws is caught here, logged with what
 * happens next ("will retry in 2 s"), counted in {@code punctual.api.loop.failures{loop}}, and the
 * loop tries again after the back-off.
 *
 * <p>A loop that waits for work may be {@linkplain #nudge() nudged}: its wait ends at once, and a
 * nudge that arrives during a round makes the next wait end at once, so none is lost.
 */
public abstract class BackgroundLoop implements SmartLifecycle {

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final Logger log = LoggerFactory.getLogger(getClass());
  private final String name;
  private final Duration retryBackoff;
  private final Counter failures;
  private volatile CountDownLatch stopSignal = new CountDownLatch(0);
  private volatile @Nullable Thread thread;
  private final AtomicBoolean nudged = new AtomicBoolean();

  protected BackgroundLoop(String name, Duration retryBackoff, MeterRegistry meters) {
    this.name = name;
    this.retryBackoff = retryBackoff;
    this.failures =
        Counter.builder("punctual.api.loop.failures")
            .description("Rounds of a background loop that failed and will be retried")
            .tag("loop", name)
            .register(meters);
  }

  /**
   * One round of work.
   *
   * @return how long to wait before the next round: {@link Duration#ZERO} when more work is waiting
   */
  protected abstract Duration runOnce() throws Exception;

  /**
   * Ends the loop's current wait, or the next one if a round is running: new work is waiting. Cheap
   * enough to call on every commit; nudges that come while one is pending are merged into it.
   */
  public void nudge() {
    if (nudged.compareAndSet(false, true)) {
      var running = thread;
      if (running != null) {
        LockSupport.unpark(running);
      }
    }
  }

  /** Called on the stopping thread to wake {@link #runOnce()} from a blocking call. */
  protected void wakeUp() {}

  /** Called on the loop's thread after its last round, to release what it holds. */
  protected void cleanUp() {}

  @Override
  public synchronized void start() {
    if (thread != null) {
      return;
    }
    stopSignal = new CountDownLatch(1);
    thread = Thread.ofPlatform().name("punctual-" + name).daemon(false).start(this::loop);
  }

  @Override
  public void stop() {
    Thread running;
    synchronized (this) {
      running = thread;
      thread = null;
    }
    if (running == null) {
      return;
    }
    stopSignal.countDown();
    LockSupport.unpark(running);
    wakeUp();
    try {
      if (!running.join(STOP_TIMEOUT)) {
        log.warn("{} did not stop within {}; leaving it", name, STOP_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Starts before the web server takes requests and stops after it finished the requests in flight
   * (graceful shutdown), so what those requests wrote to the outbox is still relayed.
   */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 2048;
  }

  @Override
  public boolean isRunning() {
    return thread != null;
  }

  /** Whether a stop was requested; a long round may check it between steps. */
  protected boolean stopping() {
    return stopSignal.getCount() == 0;
  }

  private void loop() {
    log.info("{} started", name);
    long failuresInARow = 0;
    try {
      while (!stopping()) {
        Duration wait;
        try {
          wait = runOnce();
          failuresInARow = 0;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        } catch (Exception e) {
          if (stopping()) {
            break;
          }
          failures.increment();
          failuresInARow++;
          if (failuresInARow == 1) {
            log.warn("{} failed: {}; will retry in {}", name, describe(e), retryBackoff, e);
          } else {
            // The stack trace was logged with the first failure of this streak.
            log.warn(
                "{} failed again ({} times in a row): {}; will retry in {}",
                name,
                failuresInARow,
                describe(e),
                retryBackoff);
          }
          wait = retryBackoff;
        }
        if (!wait.isZero() && awaitStop(wait)) {
          break;
        }
      }
    } finally {
      try {
        cleanUp();
      } catch (RuntimeException e) {
        log.warn("{} could not release its resources: {}", name, describe(e));
      }
      log.info("{} stopped", name);
    }
  }

  /**
   * Waits {@code wait}, until a stop is requested (then {@code true}) or the loop is nudged.
   * Parking rather than a latch lets {@link #nudge()} end the wait; a spurious wake-up only
   * re-checks.
   */
  private boolean awaitStop(Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (!stopping()) {
      if (nudged.getAndSet(false)) {
        return false;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      LockSupport.parkNanos(this, left);
      if (Thread.currentThread().isInterrupted()) {
        return true;
      }
    }
    return true;
  }

  private static String describe(Throwable e) {
    var message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
