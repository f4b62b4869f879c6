package dev.punctual.api.projection;

import dev.punctual.api.ApiProperties;
import dev.punctual.api.system.BackgroundLoop;
import dev.punctual.model.event.ExecutionFinished;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Projects the results topic into PostgreSQL: each polled batch is applied in one transaction, then
 * its offsets are committed (at least once; {@link ResultStore#apply} is idempotent). A record that
 * cannot be read is logged, counted in {@code punctual.api.projection.skipped} and skipped: it
 * never stops the projection, and neither does one whose data the database refuses. When the
 * database or Kafka fails, the consumer is closed and a new one resumes from the committed offsets
 * after the back-off, so no result is lost.
 *
 * <p>A plain consumer loop rather than {@code @KafkaListener}: the loop decides exactly when
 * offsets are committed (after the database transaction), handles unreadable records itself without
 * an error-handling deserializer, and shares its failure handling and metrics with the outbox relay
 * ({@link BackgroundLoop}).
 */
public class ProjectResults extends BackgroundLoop {

  private static final Logger log = LoggerFactory.getLogger(ProjectResults.class);
  private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);

  private final Supplier<Consumer<String, byte[]>> consumers;
  private final ResultStore store;
  private final TransactionTemplate transactions;
  private final String topic;
  private final Deserializer<ExecutionFinished> deserializer;
  private final Counter applied;
  private final Counter skipped;
  private volatile @Nullable Consumer<String, byte[]> consumer;

  ProjectResults(
      Supplier<Consumer<String, byte[]>> consumers,
      ResultStore store,
      TransactionTemplate transactions,
      ApiProperties properties,
      MeterRegistry meters) {
    super("project-results", properties.retryBackoff(), meters);
    this.consumers = consumers;
    this.store = store;
    this.transactions = transactions;
    var results = properties.topics().results();
    this.topic = results.name();
    this.deserializer = results.valueSerde().deserializer();
    this.applied =
        Counter.builder("punctual.api.projection.applied")
            .description("Records projected into the database")
            .tag("topic", topic)
            .register(meters);
    this.skipped =
        Counter.builder("punctual.api.projection.skipped")
            .description("Records skipped because they could not be read or stored")
            .tag("topic", topic)
            .register(meters);
  }

  @Override
  protected Duration runOnce() {
    var current = consumer();
    try {
      var records = current.poll(POLL_TIMEOUT);
      if (!records.isEmpty()) {
        apply(readable(records));
        current.commitSync(nextOffsets(records));
      }
      return Duration.ZERO;
    } catch (RuntimeException e) {
      closeConsumer();
      throw e;
    }
  }

  /**
   * Applies a batch in one transaction. When the database refuses a record's data (a constraint, or
   * text PostgreSQL cannot store such as NUL characters), the batch is applied again one record per
   * transaction and the refused records are skipped, so one bad record cannot stop the projection.
   * Any other failure (the database is down) reaches the loop, which retries.
   */
  private void apply(List<Received> results) {
    try {
      transactions.executeWithoutResult(status -> results.forEach(r -> store.apply(r.result())));
      applied.increment(results.size());
    } catch (DataIntegrityViolationException refused) {
      for (var result : results) {
        try {
          transactions.executeWithoutResult(status -> store.apply(result.result()));
          applied.increment();
        } catch (DataIntegrityViolationException e) {
          skip(result.record(), e);
        }
      }
    }
  }

  /** A record and what it holds. */
  private record Received(ConsumerRecord<String, byte[]> record, ExecutionFinished result) {}

  @Override
  protected void wakeUp() {
    var current = consumer;
    if (current != null) {
      try {
        current.wakeup();
      } catch (RuntimeException e) {
        log.debug("waking the results consumer failed: {}", e.getMessage());
      }
    }
  }

  @Override
  protected void cleanUp() {
    closeConsumer();
  }

  private Consumer<String, byte[]> consumer() {
    var current = consumer;
    if (current == null) {
      current = consumers.get();
      current.subscribe(List.of(topic));
      consumer = current;
    }
    return current;
  }

  private void closeConsumer() {
    var current = consumer;
    consumer = null;
    if (current != null) {
      try {
        current.close(Duration.ofSeconds(5));
      } catch (RuntimeException e) {
        log.debug("closing the results consumer failed: {}", e.getMessage());
      }
    }
  }

  private List<Received> readable(ConsumerRecords<String, byte[]> records) {
    var results = new ArrayList<Received>(records.count());
    for (var record : records) {
      try {
        if (record.value() == null) {
          throw new IllegalArgumentException("the value is empty (null)");
        }
        results.add(new Received(record, deserializer.deserialize(topic, record.value())));
      } catch (RuntimeException e) {
        skip(record, e);
      }
    }
    return results;
  }

  private void skip(ConsumerRecord<String, byte[]> record, RuntimeException e) {
    skipped.increment();
    log.warn(
        "Skipping result at {}-{} offset {} (key {}): {}",
        record.topic(),
        record.partition(),
        record.offset(),
        record.key(),
        rootMessage(e));
  }

  private static @Nullable String rootMessage(Throwable e) {
    var root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(
      ConsumerRecords<String, byte[]> records) {
    var offsets = new HashMap<TopicPartition, OffsetAndMetadata>();
    for (var partition : records.partitions()) {
      var last = records.records(partition).getLast();
      offsets.put(partition, new OffsetAndMetadata(last.offset() + 1));
    }
    return offsets;
  }
}
