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
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the outbox to the jobs and commands topics, bucket by bucket: in one transaction per
 * bucket it takes the bucket's advisory lock (skipping buckets another instance is relaying), reads
 * the oldest row of each job in the bucket (at most one per job), sends them all (key = job id,
 * value = the definition, {@code null} or the command, header {@value Outbox#ORIGIN_HEADER} and the
 * row's trace context), waits until Kafka acknowledged or refused every one, deletes the
 * acknowledged ones and commits; the next round takes each job's next row at once. A row Kafka
 * refused stays and is sent again first.
 *
 * <p>Because a job's next row is sent only after the previous one was acknowledged and deleted, a
 * failure can neither leave a gap in a job's records nor put them out of order; the worst is a
 * record sent twice in a row (its acknowledgement was lost, or PostgreSQL failed before the delete
 * committed). Consumers tell a repeated definition by its {@code version}. Many jobs still go in
 * one round; only the versions of one job are spread over rounds.
 */
public class RelayOutbox extends BackgroundLoop {

  private static final Logger log = LoggerFactory.getLogger(RelayOutbox.class);
  private static final byte[] ORIGIN = Outbox.ORIGIN.getBytes(StandardCharsets.UTF_8);

  private final OutboxRepository repository;
  private final TransactionTemplate transactions;
  private final Supplier<Producer<String, byte[]>> producers;
  private volatile @Nullable Producer<String, byte[]> producer;
  private final Topics topics;
  private final int batchSize;
  private final Duration pollInterval;
  private final Counter published;

  RelayOutbox(
      OutboxRepository repository,
      TransactionTemplate transactions,
      Supplier<Producer<String, byte[]>> producers,
      ApiProperties properties,
      MeterRegistry meters) {
    super("relay-outbox", properties.retryBackoff(), meters);
    this.repository = repository;
    this.transactions = transactions;
    this.producers = producers;
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
    var buckets = repository.bucketsWithBacklog();
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

  /**
   * Relays the oldest row of each job of one bucket; how many were published.
   *
   * @throws OutboxNotPublishedException when Kafka did not acknowledge every row; the acknowledged
   *     ones are deleted nevertheless, the others stay for the next try
   */
  int relayBucket(int bucket) {
    var round =
        transactions.execute(
            status -> {
              if (!repository.tryLockBucket(bucket)) {
                return Round.NOTHING;
              }
              var rows = repository.oldestOfEachJob(bucket, batchSize);
              if (rows.isEmpty()) {
                return Round.NOTHING;
              }
              var sent = publish(rows);
              var acknowledged = new ArrayList<OutboxRow>(rows.size());
              for (int i = 0; i < rows.size(); i++) {
                if (sent.acknowledged().get(i)) {
                  acknowledged.add(rows.get(i));
                }
              }
              if (!acknowledged.isEmpty()) {
                repository.delete(acknowledged);
              }
              return new Round(acknowledged.size(), sent.failure());
            });
    if (round == null) {
      return 0;
    }
    published.increment(round.published());
    if (round.failure() != null) {
      throw new OutboxNotPublishedException(round.failure());
    }
    return round.published();
  }

  /**
   * What one transaction of the relay did.
   *
   * @param published rows Kafka acknowledged, deleted from the outbox
   * @param failure why Kafka did not acknowledge the others; {@code null} when it acknowledged all
   */
  private record Round(int published, @Nullable Throwable failure) {
    static final Round NOTHING = new Round(0, null);
  }

  /** For each row whether Kafka acknowledged it, and the first failure if any. */
  private record Sent(List<Boolean> acknowledged, @Nullable Throwable failure) {}

  /**
   * Sends every row and waits until Kafka acknowledged or refused each. A row after one whose send
   * threw is not sent (and counts as not acknowledged).
   */
  private Sent publish(List<OutboxRow> rows) {
    var producer = producer();
    var acks = new ArrayList<Future<RecordMetadata>>(rows.size());
    Throwable failure = null;
    try {
      for (var row : rows) {
        acks.add(producer.send(record(row)));
      }
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      // Even when a send failed, wait until the records already handed to the producer are
      // written or given up, so that none of them lands after the retry.
      producer.flush();
    }
    var acknowledged = new ArrayList<Boolean>(rows.size());
    for (var ack : acks) {
      try {
        ack.get();
        acknowledged.add(true);
      } catch (ExecutionException e) {
        acknowledged.add(false);
        failure = failure == null ? e.getCause() : failure;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        acknowledged.add(false);
        failure = failure == null ? e : failure;
      }
    }
    while (acknowledged.size() < rows.size()) {
      acknowledged.add(false);
    }
    return new Sent(acknowledged, failure);
  }

  private ProducerRecord<String, byte[]> record(OutboxRow row) {
    var record =
        new ProducerRecord<String, byte[]>(row.kind().topic(topics), row.jobId(), row.payload());
    record.headers().add(Outbox.ORIGIN_HEADER, ORIGIN);
    row.trace().addTo(record.headers());
    return record;
  }

  /** The producer, created on first use after a start, so that a stopped relay can start again. */
  private Producer<String, byte[]> producer() {
    var current = producer;
    if (current == null) {
      current = producers.get();
      producer = current;
    }
    return current;
  }

  @Override
  protected void cleanUp() {
    var current = producer;
    producer = null;
    if (current != null) {
      current.close(Duration.ofSeconds(5));
    }
  }

  private double backlogOrNaN() {
    try {
      return repository.backlog();
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
