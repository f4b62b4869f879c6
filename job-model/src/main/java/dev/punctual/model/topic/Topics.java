package dev.punctual.model.topic;

import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.JobCommand;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.event.MissedOccurrences;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.json.JobDefinitionSerde;
import dev.punctual.model.json.JsonSerde;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topics of one Punctual installation, all named {@code <prefix><suffix>}. Every topic is keyed
 * by job id (except the dead-letter topic, which keeps each original record's key), and {@link
 * #coPartitioned()} topics must have the same partition count.
 *
 * @param prefix the common prefix, {@value #DEFAULT_PREFIX} by default
 */
public record Topics(String prefix) {

  public static final String DEFAULT_PREFIX = "scheduler.";

  private static final Pattern PREFIX = Pattern.compile("[a-zA-Z0-9._-]{0,200}");

  /** The topics with the default prefix. */
  public static final Topics DEFAULT = new Topics(DEFAULT_PREFIX);

  public Topics {
    if (!PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "'" + prefix + "' is not a valid topic prefix (letters, digits, '.', '_', '-')");
    }
  }

  /** Job definitions; compacted; a {@code null} value deletes the job. */
  public Topic<String, JobDefinition> jobs() {
    return new Topic<>(prefix + "jobs", Serdes.String(), new JobDefinitionSerde());
  }

  /** Commands about jobs, such as "trigger now". */
  public Topic<String, JobCommand> commands() {
    return new Topic<>(prefix + "commands", Serdes.String(), new JsonSerde<>(JobCommand.class));
  }

  /** One record per fire attempt. */
  public Topic<String, JobFired> fires() {
    return new Topic<>(prefix + "fires", Serdes.String(), new JsonSerde<>(JobFired.class));
  }

  /** One record per finished attempt. */
  public Topic<String, ExecutionFinished> results() {
    return new Topic<>(
        prefix + "results", Serdes.String(), new JsonSerde<>(ExecutionFinished.class));
  }

  /**
   * Occurrences that did not fire on time: one {@link MissedOccurrences} per misfire episode or
   * skipped overlap.
   */
  public Topic<String, MissedOccurrences> missed() {
    return new Topic<>(
        prefix + "missed", Serdes.String(), new JsonSerde<>(MissedOccurrences.class));
  }

  /**
   * Fires that exhausted their retries, and input records that could not be read; each keeps the
   * original key and value bytes and carries the {@code punctual-error} and {@code
   * punctual-source-*} headers.
   */
  public Topic<byte[], byte[]> deadLetter() {
    return new Topic<>(prefix + "dead-letter", Serdes.ByteArray(), Serdes.ByteArray());
  }

  /** The topics keyed by job id that must share one partition count. */
  public List<String> coPartitioned() {
    return List.of(jobs().name(), commands().name(), fires().name(), results().name());
  }

  /**
   * The topics to create for an installation: the co-partitioned ones with {@code partitions}
   * partitions each, the jobs topic compacted (it holds the current definition of every job), the
   * missed and dead-letter topics with the same partition count.
   */
  public List<NewTopic> newTopics(int partitions, short replicationFactor) {
    return List.of(
        new NewTopic(jobs().name(), partitions, replicationFactor)
            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
        new NewTopic(commands().name(), partitions, replicationFactor),
        new NewTopic(fires().name(), partitions, replicationFactor),
        new NewTopic(results().name(), partitions, replicationFactor),
        new NewTopic(missed().name(), partitions, replicationFactor),
        new NewTopic(deadLetter().name(), partitions, replicationFactor));
  }

  /**
   * The topics a Kafka target of this installation must never write to: this prefix, Kafka Streams
   * and Kafka internal topics.
   */
  public ReservedTopics reserved() {
    return new ReservedTopics(this);
  }

  /** Every topic's name. */
  public List<String> all() {
    return List.of(
        jobs().name(),
        commands().name(),
        fires().name(),
        results().name(),
        missed().name(),
        deadLetter().name());
  }
}
