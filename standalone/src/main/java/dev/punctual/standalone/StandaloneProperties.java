package dev.punctual.standalone;

import dev.punctual.embedded.FreePorts;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the standalone system ({@code punctual.standalone.*}), read from command-line
 * arguments ({@code --punctual.standalone.data-dir=/var/punctual}), system properties or the
 * environment ({@code PUNCTUAL_STANDALONE_DATA_DIR}). A port of 0 picks a free one.
 *
 * @param dataDir where the broker, the database and the scheduler's state stores keep their data; a
 *     restart with the same directory keeps every job
 * @param kafkaPort the Kafka bootstrap port on localhost
 * @param kafkaControllerPort the port of the broker's KRaft controller listener
 * @param postgresPort the PostgreSQL port on localhost
 * @param apiPort the REST API's port
 * @param schedulerPort the scheduler's HTTP port (health and metrics)
 * @param workerPort the worker's HTTP port (health and metrics)
 * @param apiManagementPort the REST API's management port (metrics; health answers on {@code
 *     apiPort} too)
 * @param partitions the partition count of every topic (the upper bound of scheduler and worker
 *     parallelism), used when the topics are first created
 * @param topicPrefix the prefix of every topic name
 */
@ConfigurationProperties("punctual.standalone")
public record StandaloneProperties(
    @DefaultValue(DEFAULT_DATA_DIR) Path dataDir,
    @DefaultValue("9092") int kafkaPort,
    @DefaultValue("9093") int kafkaControllerPort,
    @DefaultValue("15432") int postgresPort,
    @DefaultValue("3015") int apiPort,
    @DefaultValue("3016") int schedulerPort,
    @DefaultValue("3017") int workerPort,
    @DefaultValue("3018") int apiManagementPort,
    @DefaultValue("6") int partitions,
    @DefaultValue(DEFAULT_TOPIC_PREFIX) String topicPrefix) {

  public static final String DEFAULT_DATA_DIR = "./data";
  public static final String DEFAULT_TOPIC_PREFIX = "scheduler.";

  /** Settings for a test: data in {@code dataDir}, every port free. */
  public static StandaloneProperties forTests(Path dataDir) {
    return new StandaloneProperties(dataDir, 0, 0, 0, 0, 0, 0, 0, 3, DEFAULT_TOPIC_PREFIX);
  }

  /**
   * Settings for a test that needs its ports before the start (to start again on them, or to find
   * them free afterwards): data in {@code dataDir}, each port one that was free a moment ago.
   */
  public static StandaloneProperties forTestsOnFreePorts(Path dataDir) {
    return new StandaloneProperties(
        dataDir,
        FreePorts.any(),
        FreePorts.any(),
        FreePorts.any(),
        FreePorts.any(),
        FreePorts.any(),
        FreePorts.any(),
        FreePorts.any(),
        3,
        DEFAULT_TOPIC_PREFIX);
  }
}
