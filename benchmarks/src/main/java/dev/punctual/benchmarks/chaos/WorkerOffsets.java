package dev.punctual.benchmarks.chaos;

import dev.punctual.model.topic.Topics;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The offsets of the fires topic the workers committed, for a failed run's notes: a fire without a
 * result below its partition's committed offset was committed without one; above it, a worker still
 * has it to execute.
 */
final class WorkerOffsets {

  /** The workers' consumer group: the worker's default, which the chaos cluster keeps. */
  static final String WORKER_GROUP = "punctual-worker";

  private WorkerOffsets() {}

  /** {@code {partition=offset, ...}} of the fires topic, or why they could not be read. */
  static String committed(String bootstrapServers) {
    try (var admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      var offsets =
          admin
              .listConsumerGroupOffsets(WORKER_GROUP)
              .partitionsToOffsetAndMetadata()
              .get(10, TimeUnit.SECONDS);
      var byPartition = new TreeMap<Integer, Long>();
      offsets.forEach(
          (partition, offset) -> {
            if (partition.topic().equals(Topics.DEFAULT.fires().name()) && offset != null) {
              byPartition.put(partition.partition(), offset.offset());
            }
          });
      return byPartition.toString();
    } catch (ExecutionException | TimeoutException e) {
      return "not read: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "not read: interrupted";
    }
  }
}
