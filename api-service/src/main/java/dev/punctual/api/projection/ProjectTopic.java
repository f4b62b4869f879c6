package dev.punctual.api.projection;

import dev.punctual.api.system.BackgroundLoop;
import dev.punctual.model.log.LogContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Projects one topic into PostgreSQL: each polled batch is applied in one transaction (in job id
 * order, see {@link Projection#orderWithinJob}; by a {@link BatchProjection} with a few statements
 * for the whole batch), and its offsets are committed after it, at most once per {@link
 * #COMMIT_INTERVAL} (at least once; {@link Projection#apply} is idempotent, see {@link
 * OffsetCommits}). A record that cannot be read is logged, counted in {@code
 * punctual.api.projection.skipped} and skipped: it never stops the projection, and neither does one
 * whose data the database refuses. When the database or Kafka fails, the consumer is closed and a
 * new one resumes from the committed offsets after the back-off, so no record is lost.
 *
 * <p>A plain consumer loop rather than {@code @KafkaListener}: the loop decides exactly when
 * offsets are committed (after the database transaction), handles unreadable records itself without
 * an error-handling deserializer, and shares its failure handling and metrics with the outbox relay
 * ({@link BackgroundLoop}).
 */
public class ProjectTopic<T> extends BackgroundLoop {

  private static final Logger log = LoggerFactory.getLogger(ProjectTopic.class);
  private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);

  /**
   * How often applied offsets are committed: a crash applies at most about this much again, which
   * changes nothing, and saves a commit round trip per polled batch.
   */
  static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);

  private final Projection<T> projection;
  private final Supplier<Consumer<String, byte[]>> consumers;
  private final TransactionTemplate transactions;
  private final Counter applied;
  private final Counter skipped;
  private volatile @Nullable Consumer<String, byte[]> consumer;
  private @Nullable OffsetCommits commits;

  ProjectTopic(
      Projection<T> projection,
      Supplier<Consumer<String, byte[]>> consumers,
      TransactionTemplate transactions,
      Duration retryBackoff,
      MeterRegistry meters) {
    super("project-" + projection.name(), retryBackoff, meters);
    this.projection = projection;
    this.consumers = consumers;
    this.transactions = transactions;
    this.applied =
        Counter.builder("punctual.api.projection.applied")
            .description("Records projected into the database")
            .tag("topic", projection.topic())
            .register(meters);
    this.skipped =
        Counter.builder("punctual.api.projection.skipped")
            .description("Records skipped because they could not be read or stored")
            .tag("topic", projection.topic())
            .register(meters);
  }

  @Override
  protected Duration runOnce() {
    var current = consumer();
    try {
      var records = current.poll(POLL_TIMEOUT);
      if (!records.isEmpty()) {
        apply(readable(records));
        commits().applied(records);
      }
      commits().commitIfDue();
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
  private void apply(List<Received<T>> batch) {
    batch.sort(applyOrder());
    try {
      transactions.executeWithoutResult(status -> applyAll(batch));
      applied.increment(batch.size());
    } catch (DataIntegrityViolationException refused) {
      for (var received : batch) {
        try {
          transactions.executeWithoutResult(status -> applyOne(received));
          applied.increment();
        } catch (DataIntegrityViolationException e) {
          skip(received.record(), e);
        }
      }
    }
  }

  private void applyAll(List<Received<T>> batch) {
    if (batch.isEmpty()) {
      return;
    }
    if (projection instanceof BatchProjection<T> batched) {
      batched.applyAll(batch.stream().map(Received::value).toList());
    } else {
      batch.forEach(this::applyOne);
    }
  }

  /** By job (record key), then the projection's order within a job: see {@link Projection}. */
  private Comparator<Received<T>> applyOrder() {
    Comparator<Received<T>> byJob =
        Comparator.comparing(
            received -> received.record().key(), Comparator.nullsFirst(Comparator.naturalOrder()));
    return byJob.thenComparing(Received::value, projection.orderWithinJob());
  }

  private void applyOne(Received<T> received) {
    try (var ignored = projection.logContext(received.value())) {
      projection.apply(received.value(), received.record());
    }
  }

  /** A record and what it holds. */
  private record Received<T>(ConsumerRecord<String, byte[]> record, T value) {}

  @Override
  protected void wakeUp() {
    var current = consumer;
    if (current != null) {
      try {
        current.wakeup();
      } catch (RuntimeException e) {
        log.debug("waking the {} consumer failed: {}", projection.name(), e.getMessage());
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
      commits = new OffsetCommits(current, COMMIT_INTERVAL, System::nanoTime);
      current.subscribe(List.of(projection.topic()), commits);
      consumer = current;
    }
    return current;
  }

  private OffsetCommits commits() {
    var current = commits;
    if (current == null) {
      throw new IllegalStateException("no consumer is open; this indicates a bug");
    }
    return current;
  }

  /**
   * Closes the consumer, which commits what it applied as it leaves the group ({@link
   * OffsetCommits#onPartitionsRevoked}); what it could not commit is applied again by the next
   * consumer (idempotently).
   */
  private void closeConsumer() {
    var current = consumer;
    consumer = null;
    commits = null;
    if (current != null) {
      try {
        current.close(Duration.ofSeconds(5));
      } catch (RuntimeException e) {
        log.debug("closing the {} consumer failed: {}", projection.name(), e.getMessage());
      }
    }
  }

  private List<Received<T>> readable(ConsumerRecords<String, byte[]> records) {
    var values = new ArrayList<Received<T>>(records.count());
    for (var record : records) {
      try {
        values.add(new Received<>(record, projection.read(record)));
      } catch (RuntimeException e) {
        skip(record, e);
      }
    }
    return values;
  }

  private void skip(ConsumerRecord<String, byte[]> record, RuntimeException e) {
    skipped.increment();
    try (var ignored = record.key() == null ? null : LogContext.job(record.key())) {
      log.warn(
          "Skipping the record at {}-{} offset {} (key {}): {}",
          record.topic(),
          record.partition(),
          record.offset(),
          record.key(),
          rootMessage(e));
    }
  }

  private static @Nullable String rootMessage(Throwable e) {
    var root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
