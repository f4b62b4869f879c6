package dev.punctual.client.kafka;

import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.topic.Topic;
import dev.punctual.model.topic.Topics;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Writes job definitions straight onto the jobs topic: key = the job's id, value = the definition
 * as job-model's serde writes it (what the REST API accepts, the topic accepts), a {@code null}
 * value (a tombstone) to delete. The scheduler dead-letters a definition it refuses, with the
 * reason; the API shows such changes in its audit log with actor {@code topic}.
 *
 * <p>The producer is idempotent with {@code acks=all} whatever the configuration says, so a retried
 * send neither duplicates nor reorders a job's definitions.
 */
public final class JobsTopicProducer implements AutoCloseable {

  private final Topic<String, JobDefinition> topic;
  private final Producer<String, JobDefinition> producer;

  /**
   * A producer for the installation whose topics are {@code topics}.
   *
   * @param config Kafka producer settings; at least {@code bootstrap.servers}
   */
  public JobsTopicProducer(Map<String, Object> config, Topics topics) {
    this.topic = topics.jobs();
    var settings = new HashMap<>(config);
    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    this.producer =
        new KafkaProducer<>(
            settings, topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  /** Sends {@code definition}; the future completes when the broker has it. */
  public Future<RecordMetadata> publish(JobDefinition definition) {
    return producer.send(new ProducerRecord<>(topic.name(), definition.id(), definition));
  }

  /** Sends a tombstone for {@code jobId}: the scheduler drops the job and its timers. */
  public Future<RecordMetadata> delete(String jobId) {
    if (!JobDefinition.isValidId(jobId)) {
      throw new IllegalArgumentException(
          "'" + jobId + "' is not a job id: use 1 to 128 letters, digits, '.', '_' or '-'");
    }
    return producer.send(new ProducerRecord<>(topic.name(), jobId, null));
  }

  /** Waits until every record sent so far is written. */
  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close();
  }
}
