package dev.punctual.worker.system;

import dev.punctual.worker.execution.ConsumeFires;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs {@link ConsumeFires} on its own platform thread while the application runs. On stop it asks
 * the loop to stop taking fires and waits for it: running executions get the grace period, then
 * their results are committed and the clients closed.
 */
final class WorkerLifecycle implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(WorkerLifecycle.class);

  /** Beyond the grace period: time for the last commit and for closing the clients. */
  private static final Duration CLOSE_ALLOWANCE = Duration.ofSeconds(15);

  private final ConsumeFires consumeFires;
  private final Duration gracePeriod;
  private @Nullable Thread thread;

  WorkerLifecycle(ConsumeFires consumeFires, Duration gracePeriod) {
    this.consumeFires = consumeFires;
    this.gracePeriod = gracePeriod;
  }

  @Override
  public synchronized void start() {
    if (thread == null) {
      thread = Thread.ofPlatform().name("punctual-consume-fires").start(consumeFires);
    }
  }

  @Override
  public synchronized void stop() {
    if (thread == null) {
      return;
    }
    consumeFires.stop();
    try {
      if (!consumeFires.awaitStopped(gracePeriod.plus(CLOSE_ALLOWANCE))) {
        log.warn(
            "The fire consumer did not stop within {}; interrupting it",
            gracePeriod.plus(CLOSE_ALLOWANCE));
        thread.interrupt();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      thread.interrupt();
    }
    thread = null;
  }

  @Override
  public synchronized boolean isRunning() {
    return thread != null;
  }
}
