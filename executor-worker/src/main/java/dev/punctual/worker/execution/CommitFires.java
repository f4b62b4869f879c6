package dev.punctual.worker.execution;

import java.time.Duration;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits the completed prefixes of the {@link FireLedger}: their outputs together with the
 * consumer offsets after them, in one transaction (KIP-447: {@code sendOffsetsToTransaction} with
 * the consumer's group metadata), at most once per commit interval. A failed transaction is aborted
 * and the consumer rewound to the first uncommitted fire of each partition, so those fires execute
 * again. Used by the poll thread only.
 */
final class CommitFires {

  private static final Logger log = LoggerFactory.getLogger(CommitFires.class);

  private final Consumer<byte[], byte[]> consumer;
  private final Transactions transactions;
  private final FireLedger<ProducerRecord<byte[], byte[]>> ledger;
  private final DispatchFires dispatch;
  private final Duration interval;
  private final WorkerMetrics metrics;
  private long lastCommitNanos = System.nanoTime();

  CommitFires(
      Consumer<byte[], byte[]> consumer,
      Transactions transactions,
      FireLedger<ProducerRecord<byte[], byte[]>> ledger,
      DispatchFires dispatch,
      Duration interval,
      WorkerMetrics metrics) {
    this.consumer = consumer;
    this.transactions = transactions;
    this.ledger = ledger;
    this.dispatch = dispatch;
    this.interval = interval;
    this.metrics = metrics;
  }

  /** Commits the completed prefixes when the commit interval passed, or now if {@code force}. */
  void commit(boolean force) {
    long now = System.nanoTime();
    if (!force && now - lastCommitNanos < interval.toNanos()) {
      return;
    }
    lastCommitNanos = now;
    var prefixes = ledger.completedPrefixes();
    if (prefixes.isEmpty()) {
      return;
    }
    int fires = FireLedger.fires(prefixes);
    try {
      transactions.commit(prefixes, consumer.groupMetadata());
    } catch (KafkaException e) {
      transactionFailed(e, fires);
      return;
    }
    ledger.committed(prefixes);
    metrics.committed(fires);
  }

  private void transactionFailed(KafkaException failure, int fires) {
    log.warn(
        "Committing {} fires failed; will execute every uncommitted fire again from the last"
            + " committed offsets: {}",
        fires,
        failure.getMessage());
    metrics.loopError("transaction");
    transactions.abort();
    rewind();
  }

  /** Seeks every partition back to its first uncommitted fire and forgets what ran since. */
  private void rewind() {
    ledger.rewind().forEach(consumer::seek);
    dispatch.forgetAll();
  }

  void close(Duration timeout) {
    transactions.close(timeout);
  }
}
