package dev.punctual.worker.execution;

import dev.punctual.worker.execution.PartitionProgress.Prefix;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactional producer of one session: commits the outputs of completed fires together with
 * the consumer offsets after them, and notes which fire's record the broker refused. Used by the
 * poll thread only.
 */
final class Transactions {

  private static final Logger log = LoggerFactory.getLogger(Transactions.class);

  private final FireClients clients;
  private final RejectedRecords rejected;
  private Producer<byte[], byte[]> producer;

  Transactions(FireClients clients, RejectedRecords rejected) {
    this.clients = clients;
    this.rejected = rejected;
    this.producer = newProducer(clients);
  }

  /**
   * Writes the outputs of every prefix and commits them with the offsets after each prefix, in one
   * transaction.
   *
   * @throws KafkaException when the transaction failed; {@link #abort} it
   */
  void commit(
      Map<TopicPartition, Prefix<ProducerRecord<byte[], byte[]>>> prefixes,
      ConsumerGroupMetadata group) {
    producer.beginTransaction();
    var failed = new AtomicBoolean();
    var offsets = new HashMap<TopicPartition, OffsetAndMetadata>();
    prefixes.forEach(
        (partition, prefix) -> {
          for (var fire : prefix.done()) {
            for (var output : fire.outputs()) {
              producer.send(output, noteRefusal(failed, partition, fire.offset(), output.topic()));
            }
          }
          offsets.put(partition, new OffsetAndMetadata(prefix.nextOffset()));
        });
    producer.sendOffsetsToTransaction(offsets, group);
    producer.commitTransaction();
  }

  /** Aborts the failed transaction; when even that fails, replaces the producer. */
  void abort() {
    try {
      producer.abortTransaction();
    } catch (KafkaException abortFailure) {
      log.warn(
          "Aborting the transaction failed too; creating a new producer: {}",
          abortFailure.getMessage());
      producer.close(Duration.ZERO);
      producer = newProducer(clients);
    }
  }

  void close(Duration timeout) {
    producer.close(timeout);
  }

  /**
   * Remembers the fire at {@code offset} of {@code partition} if the broker refuses its record.
   * Only the first failure of a transaction counts: once a record failed, the producer fails the
   * records it has not sent yet with that same error, although nothing is wrong with them. Should
   * two records be refused in one transaction, the second is found out on the next attempt.
   */
  private Callback noteRefusal(
      AtomicBoolean failed, TopicPartition partition, long offset, String topic) {
    return (metadata, failure) -> {
      if (failure == null || !failed.compareAndSet(false, true)) {
        return;
      }
      var reason = RejectedRecords.reason(topic, failure);
      if (reason != null) {
        rejected.remember(partition, offset, reason);
      }
    };
  }

  private static Producer<byte[], byte[]> newProducer(FireClients clients) {
    var producer = clients.newProducer();
    try {
      producer.initTransactions();
      return producer;
    } catch (RuntimeException e) {
      producer.close(Duration.ZERO);
      throw e;
    }
  }
}
