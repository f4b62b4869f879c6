package dev.punctual.api.outbox;

import dev.punctual.api.ApiProperties;
import dev.punctual.api.system.BackgroundLoop;
import dev.punctual.model.topic.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the outbox to the jobs and commands topics, bucket by bucket: in one transaction per
 * bucket it takes the bucket's advisory lock (skipping buckets another instance is relaying), reads
 * the oldest rows in id order, sends them all (key = job id, value = the definition, {@code null}
 * or the command, header {@value Outbox#ORIGIN_HEADER}), waits until Kafka acknowledged every one,
 * deletes them and commits. Any failure rolls the transaction back, so the same rows are sent
 * again, in the same order, on the next try: nothing is lost or reordered, at the cost of a
 * duplicate now and then (consumers tell stale definitions by their {@code version}; the last
 * record of a job is always its latest state).
 */
public class RelayOutbox extends BackgroundLoop {

  private static final Logger log = LoggerFactory.getLogger(RelayOutbox.class);
  private static final byte[] ORIGIN = Outbox.ORIGIN.getBytes(StandardCharsets.UTF_8);

  private final OutboxStore store;
  private final TransactionTemplate transactions;
  private final Producer<String, byte[]> producer;
  private final Topics topics;
  private final int batchSize;
  private final Duration pollInterval;
  private final Counter published;

  RelayOutbox(
      OutboxStore store,
      TransactionTemplate transactions,
      Producer<String, byte[]> producer,
      ApiProperties properties,
      MeterRegistry meters) {
    super("relay-outbox", properties.retryBackoff(), meters);
    this.store = store;
    this.transactions = transactions;
    this.producer = producer;
    this.topics = properties.topics();
    this.batchSize = properties.outboxBatchSize();
    this.pollInterval = properties.outboxPollInterval();
    this.published =
        Counter.builder("punctual.api.outbox.published")
            .description("Outbox records acknowledged by Kafka and deleted from the outbox")
            .register(meters);
    Gauge.builder("punctual.api.outbox.backlog", this, RelayOutbox::backlogOrNaN)
        .description("Outbox records waiting to be published")
        .register(meters);
  }

  @Override
  protected Duration runOnce() throws Exception {
    var buckets = store.bucketsWithBacklog();
    if (buckets.isEmpty()) {
      return pollInterval;
    }
    int relayed = 0;
    // Start at a random bucket so that instances starting together do not queue for the same one.
    int start = ThreadLocalRandom.current().nextInt(buckets.size());
    for (int i = 0; i < buckets.size() && !stopping(); i++) {
      relayed += relayBucket(buckets.get((start + i) % buckets.size()));
    }
    return relayed > 0 ? Duration.ZERO : pollInterval;
  }

  /** Relays the oldest rows of one bucket; how many were published. */
  int relayBucket(int bucket) {
    Integer relayed =
        transactions.execute(
            status -> {
              if (!store.tryLockBucket(bucket)) {
                return 0;
              }
              var rows = store.oldest(bucket, batchSize);
              if (rows.isEmpty()) {
                return 0;
              }
              publish(rows);
              store.delete(rows);
              return rows.size();
            });
    int count = relayed == null ? 0 : relayed;
    published.increment(count);
    return count;
  }

  /** Sends every row and returns once Kafka acknowledged all of them; throws if any failed. */
  private void publish(List<OutboxRow> rows) {
    var acks = new ArrayList<Future<RecordMetadata>>(rows.size());
    try {
      for (var row : rows) {
        acks.add(producer.send(record(row)));
      }
    } finally {
      // Even when a send failed, wait until the records already handed to the producer are
      // written or given up, so that none of them lands after the retry of this batch.
      producer.flush();
    }
    for (var ack : acks) {
      try {
        ack.get();
      } catch (ExecutionException e) {
        throw new OutboxNotPublishedException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new OutboxNotPublishedException(e);
      }
    }
  }

  private ProducerRecord<String, byte[]> record(OutboxRow row) {
    var record =
        new ProducerRecord<String, byte[]>(row.kind().topic(topics), row.jobId(), row.payload());
    record.headers().add(Outbox.ORIGIN_HEADER, ORIGIN);
    return record;
  }

  @Override
  protected void cleanUp() {
    producer.close(Duration.ofSeconds(5));
  }

  private double backlogOrNaN() {
    try {
      return store.backlog();
    } catch (RuntimeException e) {
      log.debug("cannot count the outbox backlog: {}", e.getMessage());
      return Double.NaN;
    }
  }

  /** Kafka did not acknowledge a record of the batch; the batch is rolled back and sent again. */
  static final class OutboxNotPublishedException extends RuntimeException {
    OutboxNotPublishedException(Throwable cause) {
      super("Kafka did not acknowledge an outbox record: " + cause.getMessage(), cause);
    }
  }
}
