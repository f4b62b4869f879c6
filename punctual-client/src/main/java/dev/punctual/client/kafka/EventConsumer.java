package dev.punctual.client.kafka;

import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.event.MissedOccurrences;
import dev.punctual.model.topic.Topic;
import dev.punctual.model.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one of Punctual's event topics as job-model's records: fires ({@link JobFired}), results
 * ({@link ExecutionFinished}) or missed occurrences ({@link MissedOccurrences}), keyed by job id.
 * It reads with {@code read_committed} whatever the configuration says: the scheduler and the
 * workers write in transactions, and a record of an aborted one never happened.
 *
 * <p>A record it cannot read (any bytes may be produced onto a topic) is skipped and handed to the
 * {@code unreadable} handler (by default: logged), so one bad record never stalls the reader.
 *
 * <p>Like the {@link KafkaConsumer} it wraps, an instance is for one thread.
 */
public final class EventConsumer<V> implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);

  private final KafkaConsumer<String, V> consumer;
  private final Consumer<RecordDeserializationException> unreadable;

  private EventConsumer(
      Map<String, Object> config,
      Topic<String, V> topic,
      Consumer<RecordDeserializationException> unreadable) {
    var settings = new HashMap<>(config);
    settings.put(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
        IsolationLevel.READ_COMMITTED.toString().toLowerCase(java.util.Locale.ROOT));
    this.consumer =
        new KafkaConsumer<>(
            settings, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    this.unreadable = unreadable;
    consumer.subscribe(List.of(topic.name()));
  }

  /**
   * A consumer of fires.
   *
   * @param config Kafka consumer settings; at least {@code bootstrap.servers} and {@code group.id}
   */
  public static EventConsumer<JobFired> fires(Map<String, Object> config, Topics topics) {
    return new EventConsumer<>(config, topics.fires(), EventConsumer::logUnreadable);
  }

  /** A consumer of results; see {@link #fires}. */
  public static EventConsumer<ExecutionFinished> results(
      Map<String, Object> config, Topics topics) {
    return new EventConsumer<>(config, topics.results(), EventConsumer::logUnreadable);
  }

  /** A consumer of missed occurrences; see {@link #fires}. */
  public static EventConsumer<MissedOccurrences> missed(Map<String, Object> config, Topics topics) {
    return new EventConsumer<>(config, topics.missed(), EventConsumer::logUnreadable);
  }

  /** A consumer of any of Punctual's topics, with its own handler of unreadable records. */
  public static <V> EventConsumer<V> of(
      Map<String, Object> config,
      Topic<String, V> topic,
      Consumer<RecordDeserializationException> unreadable) {
    return new EventConsumer<>(config, topic, unreadable);
  }

  /**
   * The records that arrive within {@code timeout} (possibly none). An unreadable record is
   * skipped: the handler gets it and reading goes on after it.
   */
  public List<ConsumerRecord<String, V>> poll(Duration timeout) {
    var records = new ArrayList<ConsumerRecord<String, V>>();
    try {
      consumer.poll(timeout).forEach(records::add);
    } catch (RecordDeserializationException e) {
      // Kafka throws at the bad record and keeps the position there; step past it.
      unreadable.accept(e);
      consumer.seek(e.topicPartition(), e.offset() + 1);
    }
    return records;
  }

  /** Commits the offsets of the records polled so far (with {@code enable.auto.commit=false}). */
  public void commit() {
    consumer.commitSync();
  }

  /** The wrapped consumer, for what this class does not offer (seek, assignment, metrics). */
  public KafkaConsumer<String, V> kafkaConsumer() {
    return consumer;
  }

  @Override
  public void close() {
    consumer.close();
  }

  private static void logUnreadable(RecordDeserializationException e) {
    log.warn(
        "Skipped the unreadable record at {} offset {}: {}",
        e.topicPartition(),
        e.offset(),
        e.getMessage());
  }
}
