package dev.punctual.worker.execution;

import java.time.Duration;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the partitions the consumer owns. A newly assigned partition starts with an empty
 * progress (paused if consuming is); a revoked partition first gets the revoke grace period for its
 * running executions, so that its new owner does not call the same targets again, then what
 * completed is committed and the rest forgotten for the new owner to execute. Its fires held until
 * their due time are cancelled at once, never executed here: the new owner holds and executes them.
 * A lost partition is forgotten at once. Runs on the poll thread, inside its poll or close.
 */
final class Rebalance implements ConsumerRebalanceListener {

  private static final Logger log = LoggerFactory.getLogger(Rebalance.class);

  private final Consumer<byte[], byte[]> consumer;
  private final FireLedger<ProducerRecord<byte[], byte[]>> ledger;
  private final DispatchFires dispatch;
  private final CommitFires commits;
  private final Duration revokeGracePeriod;
  private final LoopStatus status;
  private boolean drained;

  Rebalance(
      Consumer<byte[], byte[]> consumer,
      FireLedger<ProducerRecord<byte[], byte[]>> ledger,
      DispatchFires dispatch,
      CommitFires commits,
      Duration revokeGracePeriod,
      LoopStatus status) {
    this.consumer = consumer;
    this.ledger = ledger;
    this.dispatch = dispatch;
    this.commits = commits;
    this.revokeGracePeriod = revokeGracePeriod;
    this.status = status;
  }

  /**
   * The executions had their time in the shutdown grace period already: partitions revoked from now
   * on (when the consumer closes) are committed and forgotten without waiting.
   */
  void drained() {
    drained = true;
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    ledger.assigned(partitions);
    if (dispatch.pausing()) {
      consumer.pause(partitions);
    }
    status.assigned(ledger.partitions());
    if (!partitions.isEmpty()) {
      log.info("Assigned {}", partitions);
    }
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    if (!drained) {
      awaitRunning(partitions);
    }
    // Commit what completed before the partitions move; the rest is executed by the new owner.
    dispatch.collectCompletions();
    commits.commit(true);
    forget(partitions);
    log.info("Revoked {}", partitions);
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    forget(partitions);
    log.warn("Lost {}; their uncommitted fires will execute again on their new owner", partitions);
  }

  /** Waits up to the revoke grace period for the running executions of {@code partitions}. */
  private void awaitRunning(Collection<TopicPartition> partitions) {
    long deadline = System.nanoTime() + revokeGracePeriod.toNanos();
    dispatch.forget(partitions);
    int still;
    while ((still = ledger.runningIn(partitions)) > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        log.info(
            "{} executions of revoked partitions still run after {}; their fires will execute"
                + " again on the partitions' new owner",
            still,
            revokeGracePeriod);
        return;
      }
      dispatch.awaitCompletion(left);
    }
  }

  private void forget(Collection<TopicPartition> partitions) {
    ledger.forget(partitions);
    dispatch.forget(partitions);
    status.partitions(ledger.partitions());
  }
}
