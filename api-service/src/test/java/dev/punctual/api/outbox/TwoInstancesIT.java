package dev.punctual.api.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.api.testing.Jobs;
import dev.punctual.api.testing.RunningApi;
import dev.punctual.api.testing.TestServers;
import dev.punctual.embedded.TopicReader;
import dev.punctual.model.json.JobDefinitionCodec;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two instances of the API on one database relay the outbox together, sharing its buckets, and
 * every job's records still reach the topic in version order.
 */
class TwoInstancesIT {

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final int JOBS = 30;

  @Test
  void twoInstancesRelayingConcurrentlyKeepEveryJobsOrder() throws Exception {
    var arguments = new ArrayList<String>();
    arguments.addAll(TestServers.database("twoinstances"));
    arguments.addAll(TestServers.topics("two"));
    // Small batches: each bucket takes several transactions, so the instances interleave.
    arguments.add("--punctual.api.outbox-batch-size=5");
    try (var a = RunningApi.start(arguments);
        var b = RunningApi.start(arguments);
        var topic = new TopicReader(TestServers.kafka().bootstrapServers(), "two.jobs")) {
      var instances = List.of(a, b);
      var prefix = "two-" + System.nanoTime() + "-";
      // A backlog for both relays to start on at once...
      instances.forEach(i -> i.bean(RelayOutbox.class).stop());
      for (int i = 0; i < JOBS; i++) {
        var api = instances.get(i % 2).api();
        assertThat(api.post("/jobs", Jobs.named(prefix + i, "v1", "\"every\": \"PT1M\"")).status())
            .isEqualTo(201);
        assertThat(
                api.put("/jobs/" + prefix + i, Jobs.named(prefix + i, "v2", "\"every\": \"PT1M\""))
                    .status())
            .isEqualTo(200);
      }
      instances.forEach(i -> i.bean(RelayOutbox.class).start());
      // ...and more writes through both instances while they relay.
      try (var pool = Executors.newFixedThreadPool(2)) {
        var writers = new ArrayList<java.util.concurrent.Future<?>>();
        for (var instance : instances) {
          writers.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < JOBS; i++) {
                      var version = "v" + (3 + instances.indexOf(instance));
                      var put =
                          instance
                              .api()
                              .put(
                                  "/jobs/" + prefix + i,
                                  Jobs.named(prefix + i, version, "\"every\": \"PT1M\""));
                      assertThat(put.status()).isEqualTo(200);
                    }
                  }));
        }
        for (var writer : writers) {
          writer.get();
        }
      }

      var jdbc = a.bean(JdbcClient.class);
      await()
          .atMost(DEADLINE)
          .until(() -> jdbc.sql("SELECT count(*) FROM outbox").query(Long.class).single() == 0);
      var stored = new java.util.HashMap<String, String>();
      for (int i = 0; i < JOBS; i++) {
        var job = a.api().get("/jobs/" + prefix + i).json();
        assertThat(job.get("version").asLong()).isEqualTo(4);
        stored.put(prefix + i, job.get("name").asString());
      }
      await()
          .atMost(DEADLINE)
          .until(
              () -> {
                var all = topic.poll();
                return stored.keySet().stream()
                    .allMatch(
                        id -> all.stream().anyMatch(r -> id.equals(r.key()) && version(r) == 4));
              });
      for (var job : stored.entrySet()) {
        var records = topic.recordsOf(job.getKey());
        // Every version, in order; a batch retried after a failure may repeat a record.
        assertThat(records.stream().map(TwoInstancesIT::version).toList())
            .as(job.getKey())
            .isSorted()
            .contains(1L, 2L, 3L, 4L)
            .endsWith(4L);
        assertThat(JobDefinitionCodec.parse(records.getLast().value(), null).name())
            .isEqualTo(job.getValue());
      }
      for (var instance : instances) {
        var published =
            instance
                .bean(MeterRegistry.class)
                .get("punctual.api.outbox.published")
                .counter()
                .count();
        assertThat(published).as("records this instance relayed").isPositive();
      }
    }
  }

  private static long version(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> r) {
    return JobDefinitionCodec.parse(r.value(), null).version();
  }
}
