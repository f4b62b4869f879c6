package dev.punctual.worker.kafka;

import dev.punctual.model.event.JobFired;
import dev.punctual.model.job.KafkaTarget;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Executes the first half of a Kafka target: checks that it may write to its topic ({@link
 * TopicRules}), builds its record and checks the topic (exists, accepts a record that large). The
 * record is then written by the execution loop inside the transaction that also commits the fire's
 * result and offset, so the write and its {@code SUCCEEDED} result become visible together, exactly
 * once.
 */
public final class PrepareKafkaTarget {

  /** Room for the batch and record headers Kafka adds around key, value and headers. */
  static final int RECORD_OVERHEAD_BYTES = 128;

  private final TopicRules rules;
  private final TopicCheck topics;
  private final int maxRecordBytes;

  /**
   * @param rules the topics a target may write to; checked first, without asking the cluster
   * @param topics checks the target's topic
   * @param maxRecordBytes the producer's {@code max.request.size}: a larger record is refused here,
   *     because inside the transaction it would fail the commit of every fire sent with it, again
   *     on every retry
   */
  public PrepareKafkaTarget(TopicRules rules, TopicCheck topics, int maxRecordBytes) {
    this.rules = rules;
    this.topics = topics;
    this.maxRecordBytes = maxRecordBytes;
  }

  /** The record to write, or why it cannot be written. */
  public Prepared prepare(JobFired fire, KafkaTarget target) {
    var detail = JsonNodeFactory.instance.objectNode().put("topic", target.topic());
    var refusal = rules.refusal(target.topic());
    if (refusal.isPresent()) {
      return new Prepared.Refused(detail, refusal.get(), false);
    }
    var record = TargetRecords.record(fire, target);
    int size = approximateSize(record);
    if (size > maxRecordBytes) {
      return new Prepared.Refused(
          detail,
          "the record would be about "
              + size
              + " bytes, more than the "
              + maxRecordBytes
              + " bytes the worker's producer may send (max.request.size)",
          false);
    }
    var problem = topics.check(target.topic(), size);
    if (problem.isPresent()) {
      return new Prepared.Refused(detail, problem.get().reason(), problem.get().retryable());
    }
    return new Prepared.Ready(detail, record);
  }

  private static int approximateSize(ProducerRecord<byte[], byte[]> record) {
    int size = RECORD_OVERHEAD_BYTES + length(record.key()) + length(record.value());
    for (var header : record.headers()) {
      size += header.key().length() + length(header.value()) + 8;
    }
    return size;
  }

  private static int length(byte @Nullable [] bytes) {
    return bytes == null ? 0 : bytes.length;
  }

  /** What {@link #prepare} found. */
  public sealed interface Prepared {

    /** What the result's {@code detail} says: the topic. */
    ObjectNode detail();

    /** The record is ready to be written. */
    record Ready(ObjectNode detail, ProducerRecord<byte[], byte[]> record) implements Prepared {}

    /**
     * The record cannot be written; {@code error} says why, {@code retryable} whether a later
     * attempt may succeed (not for a topic the rules refuse).
     */
    record Refused(ObjectNode detail, String error, boolean retryable) implements Prepared {

      /** A refusal that a later attempt may not meet (a missing topic may be created). */
      public Refused(ObjectNode detail, String error) {
        this(detail, error, true);
      }
    }
  }
}
