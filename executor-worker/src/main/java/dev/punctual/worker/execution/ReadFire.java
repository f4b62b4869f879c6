package dev.punctual.worker.execution;

import dev.punctual.model.event.JobFired;
import dev.punctual.model.topic.Topic;
import dev.punctual.worker.trace.W3cTraceHeaders;
import io.opentelemetry.context.Context;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a consumed fire record: the fire to execute or, when it must not execute, its outputs right
 * away: a dead letter for a record that is not a valid fire event, a {@code FAILED} result for a
 * fire whose own record the broker refused before ({@link RejectedRecords}). Used by the poll
 * thread only.
 */
final class ReadFire {

  private static final Logger log = LoggerFactory.getLogger(ReadFire.class);

  /** What a consumed fire record becomes. */
  sealed interface Outcome {}

  /** A fire to execute, in the trace context its record carries (the root context if none). */
  record Execute(JobFired fire, Context trace) implements Outcome {}

  /** A fire that is not executed: completed at once, with these outputs. */
  record Completed(List<ProducerRecord<byte[], byte[]>> outputs) implements Outcome {}

  private final Topic<String, JobFired> fires;
  private final DeadLetters deadLetters;
  private final ExecuteFire executeFire;
  private final RejectedRecords rejected;
  private final WorkerMetrics metrics;

  ReadFire(
      LoopSettings settings,
      ExecuteFire executeFire,
      RejectedRecords rejected,
      WorkerMetrics metrics) {
    this.fires = settings.topics().fires();
    this.deadLetters = new DeadLetters(settings.topics().deadLetter().name());
    this.executeFire = executeFire;
    this.rejected = rejected;
    this.metrics = metrics;
  }

  Outcome read(ConsumerRecord<byte[], byte[]> record) {
    var partition = new TopicPartition(record.topic(), record.partition());
    var refusal = rejected.take(partition, record.offset());
    JobFired fire;
    try {
      fire = fires.valueSerde().deserializer().deserialize(record.topic(), record.value());
    } catch (RuntimeException e) {
      return deadLetter(record, DeadLetters.reason(e), refusal);
    }
    if (fire == null) {
      return deadLetter(record, "not a valid fire event: the record has no value", refusal);
    }
    if (refusal != null) {
      return new Completed(executeFire.refused(fire, refusal));
    }
    return new Execute(fire, W3cTraceHeaders.extract(record.headers()));
  }

  private Completed deadLetter(
      ConsumerRecord<byte[], byte[]> record, String reason, @Nullable String refusal) {
    log.warn(
        "Dead-lettering record {} of {}-{}: {}",
        record.offset(),
        record.topic(),
        record.partition(),
        reason);
    metrics.deadLettered();
    var deadLetter =
        refusal == null
            ? deadLetters.of(record, reason)
            : deadLetters.withoutValue(record, reason, refusal);
    return new Completed(List.of(deadLetter));
  }
}
