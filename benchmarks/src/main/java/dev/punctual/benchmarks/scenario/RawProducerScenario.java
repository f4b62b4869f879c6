package dev.punctual.benchmarks.scenario;

import dev.punctual.benchmarks.BenchmarkOptions;
import dev.punctual.benchmarks.cluster.Cluster;
import dev.punctual.benchmarks.cluster.EmbeddedCluster;
import dev.punctual.benchmarks.report.ScenarioResult;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.job.KafkaTarget;
import dev.punctual.model.json.Json;
import dev.punctual.model.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Kafka's own limit on this broker: an idempotent producer ({@code acks=all}) sending records the
 * size of a fire event as fast as it can. Fire throughput is reported against this.
 */
final class RawProducerScenario implements Scenario {

  @Override
  public String name() {
    return "raw";
  }

  @Override
  public ScenarioResult run(Cluster cluster, BenchmarkOptions options) {
    ensureTopic(cluster.bootstrapServers(), options.partitions());
    byte[] value = sampleFire();
    int records = options.rawRecords();
    var acked = new AtomicLong();
    long start;
    long elapsed;
    try (var producer = producer(cluster.bootstrapServers())) {
      // Warm up the connection and metadata before timing.
      producer.send(new ProducerRecord<>(EmbeddedCluster.RAW_TOPIC, new byte[] {0}, value));
      producer.flush();
      start = System.nanoTime();
      for (int i = 0; i < records; i++) {
        var key = ("raw-" + (i % 10_000)).getBytes();
        producer.send(
            new ProducerRecord<>(EmbeddedCluster.RAW_TOPIC, key, value),
            (metadata, error) -> {
              if (error == null) {
                acked.incrementAndGet();
              }
            });
      }
      producer.flush();
      elapsed = System.nanoTime() - start;
    }
    var figures = new LinkedHashMap<String, Object>();
    figures.put("record size (bytes)", value.length);
    figures.put("records", records);
    figures.put("records acked", acked.get());
    figures.put("records/s", Scenario.perSecond(acked.get(), elapsed / 1_000_000));
    figures.put(
        "MB/s",
        Math.round(acked.get() * (double) value.length / (elapsed / 1e9) / 1e6 * 10) / 10.0);
    return ScenarioResult.measured(
        name(),
        figures,
        List.of(
            "one idempotent producer, acks=all, linger.ms=5, batch.size=256 KiB, no compression;"
                + " the broker shares the machine with the benchmark"));
  }

  private static byte[] sampleFire() {
    var job =
        new JobDefinition(
            "steady-abc123-42137",
            null,
            Schedule.Interval.of(Duration.ofSeconds(10)),
            KafkaTarget.of("bench.out", JsonNodeFactory.instance.textNode("x")),
            null,
            null,
            false,
            null,
            null,
            null);
    var now = Instant.now();
    return Json.toBytes(JobFired.scheduled(job, now, now, 0));
  }

  private static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
    return new KafkaProducer<>(
        Map.<String, Object>of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.LINGER_MS_CONFIG,
            5,
            ProducerConfig.BATCH_SIZE_CONFIG,
            256 * 1024,
            ProducerConfig.BUFFER_MEMORY_CONFIG,
            128L * 1024 * 1024),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  private static void ensureTopic(String bootstrapServers, int partitions) {
    try (var admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      if (!admin.listTopics().names().get().contains(EmbeddedCluster.RAW_TOPIC)) {
        admin
            .createTopics(List.of(new NewTopic(EmbeddedCluster.RAW_TOPIC, partitions, (short) 1)))
            .all()
            .get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot create " + EmbeddedCluster.RAW_TOPIC, e);
    }
  }
}
