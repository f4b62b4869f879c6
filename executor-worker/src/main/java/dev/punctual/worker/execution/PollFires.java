package dev.punctual.worker.execution;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll loop of one consumer and one transactional producer, from subscription to close. The
 * poll thread alone touches the consumer, the producer's transactions and the {@link FireLedger};
 * {@link DispatchFires} runs the executions on virtual threads and {@link CommitFires} commits
 * every output together with the consumer offsets, only for the contiguous completed prefix of each
 * partition. A failed transaction rewinds the consumer to the first uncommitted fire of each
 * partition, so those fires execute again; a fire whose own record the broker refused is then
 * reported {@code FAILED} instead ({@link RejectedRecords}). {@link Rebalance} follows the
 * partitions the consumer owns.
 */
final class PollFires implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PollFires.class);
  private static final Duration IDLE_POLL = Duration.ofMillis(100);
  private static final Duration BUSY_POLL = Duration.ofMillis(20);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final Consumer<byte[], byte[]> consumer;
  private final LoopSettings settings;
  private final WorkerMetrics metrics;
  private final FireLedger<ProducerRecord<byte[], byte[]>> ledger = new FireLedger<>();
  private final DispatchFires dispatch;
  private final CommitFires commits;
  private final Rebalance rebalance;

  PollFires(
      FireClients clients,
      LoopSettings settings,
      ExecuteFire executeFire,
      Executor executions,
      WorkerMetrics metrics,
      LoopStatus status,
      RejectedRecords rejected) {
    this.settings = settings;
    this.metrics = metrics;
    var readFire = new ReadFire(settings, executeFire, rejected, metrics);
    this.dispatch = new DispatchFires(settings, readFire, executeFire, executions, metrics, ledger);
    this.consumer = clients.newConsumer();
    Transactions transactions;
    try {
      transactions = new Transactions(clients, rejected);
    } catch (RuntimeException e) {
      consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
      throw e;
    }
    this.commits =
        new CommitFires(
            consumer, transactions, ledger, dispatch, settings.commitInterval(), metrics);
    this.rebalance =
        new Rebalance(consumer, ledger, dispatch, commits, settings.revokeGracePeriod(), status);
  }

  /** Consumes and executes fires until {@code stopping} says so, then drains and commits. */
  void run(BooleanSupplier stopping) {
    consumer.subscribe(List.of(settings.topics().fires().name()), rebalance);
    while (!stopping.getAsBoolean()) {
      pollOnce(true);
    }
    drain();
  }

  private void pollOnce(boolean accepting) {
    dispatch.applyBackpressure(consumer, accepting);
    for (var record : consumer.poll(ledger.uncommitted() > 0 ? BUSY_POLL : IDLE_POLL)) {
      dispatch.consumed(record);
    }
    if (accepting) {
      dispatch.startWaiting();
    }
    dispatch.collectCompletions();
    commits.commit(false);
    metrics.uncommitted(ledger.uncommitted());
  }

  /**
   * Stops taking new fires, lets running executions finish within the grace period and commits
   * them. Fires still running then, or consumed and not started, stay uncommitted: the next owner
   * of their partition executes them.
   */
  private void drain() {
    long deadline = System.nanoTime() + settings.shutdownGracePeriod().toNanos();
    log.info(
        "Stopping: waiting up to {} for {} running executions",
        settings.shutdownGracePeriod(),
        dispatch.running());
    while (dispatch.running() > 0 && System.nanoTime() - deadline < 0) {
      pollOnce(false);
    }
    dispatch.collectCompletions();
    commits.commit(true);
    rebalance.drained();
    if (dispatch.running() > 0) {
      log.warn(
          "Stopped with {} executions still running; their fires will execute again",
          dispatch.running());
    }
  }

  @Override
  public void close() {
    try {
      consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
    } finally {
      // Fires still held must not execute after this session: the next one consumes them again.
      dispatch.forgetAll();
      commits.close(CLOSE_TIMEOUT);
    }
  }
}
