package dev.punctual.benchmarks.cluster;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The topic the benchmark's Kafka targets write to ({@link EmbeddedCluster#OUTPUT_TOPIC}). Punctual
 * does not create a target's topic (a user creates it before jobs write to it), so the benchmark
 * does, on every installation it runs against; without it every execution fails.
 */
final class OutputTopic {

  private OutputTopic() {}

  /**
   * Creates the topic with {@code partitions} partitions and the broker's default replication
   * factor, unless it exists already (then it is used as it is).
   */
  static void ensure(String bootstrapServers, int partitions) {
    try (var admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(
                      EmbeddedCluster.OUTPUT_TOPIC, Optional.of(partitions), Optional.empty())))
          .all()
          .get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create " + EmbeddedCluster.OUTPUT_TOPIC, e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted creating " + EmbeddedCluster.OUTPUT_TOPIC, e);
    }
  }
}
