package dev.punctual.worker.kafka;

import dev.punctual.model.event.JobFired;
import dev.punctual.model.job.KafkaTarget;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Executes the first half of a Kafka target: builds its record and checks its topic. The record is
 * then written by the execution loop inside the transaction that also commits the fire's result and
 * offset, so the write and its {@code SUCCEEDED} result become visible together, exactly once.
 */
public final class PrepareKafkaTarget {

  private final TopicCheck topics;

  public PrepareKafkaTarget(TopicCheck topics) {
    this.topics = topics;
  }

  /** The record to write, or why it cannot be written. */
  public Prepared prepare(JobFired fire, KafkaTarget target) {
    var detail = JsonNodeFactory.instance.objectNode().put("topic", target.topic());
    var problem = topics.problem(target.topic());
    if (problem.isPresent()) {
      return new Prepared.Refused(detail, problem.get());
    }
    return new Prepared.Ready(detail, TargetRecords.record(fire, target));
  }

  /** What {@link #prepare} found. */
  public sealed interface Prepared {

    /** What the result's {@code detail} says: the topic. */
    ObjectNode detail();

    /** The record is ready to be written. */
    record Ready(ObjectNode detail, ProducerRecord<byte[], byte[]> record) implements Prepared {}

    /** The record cannot be written; {@code error} says why. */
    record Refused(ObjectNode detail, String error) implements Prepared {}
  }
}
