package dev.punctual.worker.execution;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/** Creates the Kafka clients of the execution loop; a failed loop gets fresh ones. */
public interface FireClients {

  /**
   * A consumer of raw bytes in the worker's group, {@code read_committed}, without auto-commit, not
   * yet subscribed.
   */
  Consumer<byte[], byte[]> newConsumer();

  /**
   * A producer of raw bytes with this worker's transactional id, transactions not yet initialized.
   */
  Producer<byte[], byte[]> newProducer();
}
