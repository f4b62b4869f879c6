package dev.punctual.api.projection;

import dev.punctual.model.log.LogContext;
import java.util.Comparator;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * How one Kafka topic is projected into PostgreSQL by a {@link ProjectTopic} loop.
 *
 * @param <T> what a record holds
 */
public interface Projection<T> {

  /** A short name: the loop's ({@code project-<name>}) and the consumer group's suffix. */
  String name();

  /** The topic. */
  String topic();

  /**
   * Reads a record.
   *
   * @throws RuntimeException with a message a person can act on when the record cannot be used; it
   *     is then logged, counted and skipped
   */
  T read(ConsumerRecord<String, byte[]> record);

  /**
   * Applies what a record holds, inside the loop's transaction. Must be idempotent: after a failure
   * the same records are applied again.
   */
  void apply(T value, ConsumerRecord<String, byte[]> record);

  /**
   * The order of the values of one job (one record key) within a batch. A batch is applied in
   * record key order, then in this order; the sort is stable, so by default a job's records keep
   * their offset order. A projection that locks rows as it applies record after record takes its
   * locks in this order, and concurrent projections that take them in one order cannot deadlock
   * ({@link BatchProjection}s lock the rows of a whole batch in an order of their own).
   */
  default Comparator<T> orderWithinJob() {
    return (a, b) -> 0;
  }

  /** The MDC entries of log lines written while the value is applied. */
  LogContext logContext(T value);
}
