package dev.punctual.worker.execution;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execution loop: consumes fire events and executes them until stopped. It never dies: when its
 * Kafka clients fail it closes them, counts the error, and starts over with new ones after {@link
 * #RESTART_DELAY}; fires that were not committed execute again. Run it on its own platform thread
 * ({@link #run}); {@link #stop} asks it to finish gracefully.
 */
public final class ConsumeFires implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(ConsumeFires.class);

  /** How long the loop waits before it starts over after its Kafka clients failed. */
  public static final Duration RESTART_DELAY = Duration.ofSeconds(5);

  private final FireClients clients;
  private final LoopSettings settings;
  private final ExecuteFire executeFire;
  private final WorkerMetrics metrics;
  private final LoopStatus status = new LoopStatus();
  private final RejectedRecords rejected = new RejectedRecords();
  private final ExecutorService executions = Executors.newVirtualThreadPerTaskExecutor();
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);

  public ConsumeFires(
      FireClients clients, LoopSettings settings, ExecuteFire executeFire, WorkerMetrics metrics) {
    this.clients = clients;
    this.settings = settings;
    this.executeFire = executeFire;
    this.metrics = metrics;
  }

  @Override
  public void run() {
    try {
      while (!stopping()) {
        runSession();
      }
    } finally {
      // Executions still running past the grace period are not committed; interrupt them.
      executions.shutdownNow();
      status.state(LoopStatus.State.STOPPED);
      finished.countDown();
      log.info("Fire consumer stopped");
    }
  }

  private void runSession() {
    status.state(LoopStatus.State.STARTING);
    try (var session =
        new PollFires(clients, settings, executeFire, executions, metrics, status, rejected)) {
      session.run(this::stopping);
    } catch (Exception e) {
      if (stopping()) {
        log.warn("The fire consumer failed while stopping: {}", e.getMessage(), e);
        return;
      }
      metrics.loopError("consumer");
      status.state(LoopStatus.State.RESTARTING);
      log.error(
          "The fire consumer failed; will start a new consumer and producer in {} s, and fires"
              + " not committed yet will execute again",
          RESTART_DELAY.toSeconds(),
          e);
      awaitStop(RESTART_DELAY);
    }
  }

  /** Asks the loop to stop: no new fires, running ones get the grace period. Returns at once. */
  public void stop() {
    status.state(LoopStatus.State.STOPPING);
    stopRequested.countDown();
  }

  /** Where the loop is, for health checks. */
  public LoopStatus status() {
    return status;
  }

  /** Waits until the loop has stopped; whether it did within {@code timeout}. */
  public boolean awaitStopped(Duration timeout) throws InterruptedException {
    return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private boolean stopping() {
    return stopRequested.getCount() == 0;
  }

  private void awaitStop(Duration delay) {
    try {
      stopRequested.await(delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop();
    }
  }
}
