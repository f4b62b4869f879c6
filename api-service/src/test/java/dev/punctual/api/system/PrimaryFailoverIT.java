package dev.punctual.api.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.api.testing.ApiClient;
import dev.punctual.api.testing.Jobs;
import dev.punctual.api.testing.Records;
import dev.punctual.api.testing.ReplicatedPostgres;
import dev.punctual.api.testing.RunningApi;
import dev.punctual.api.testing.TestServers;
import dev.punctual.embedded.TopicReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The API on a multi-host URL survives a failover of PostgreSQL: with a client creating jobs all
 * along, the primary is stopped the hard way and its synchronous replica promoted. The API answers
 * only 201 or 503 with Retry-After meanwhile, accepts writes again by itself once the replica is
 * promoted, and every job it acknowledged is in the new primary and on the jobs topic. The same
 * holds when the primary refuses writes for a while (fenced read-only, as during a switchover), and
 * the projections go on projecting.
 */
class PrimaryFailoverIT {

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final String PREFIX = "failover";

  @TempDir Path directory;

  @Test
  void writesResumeOnThePromotedReplicaAndNoAcknowledgedJobIsLost() throws Exception {
    try (var postgres = ReplicatedPostgres.start(directory)) {
      var arguments = new ArrayList<>(TestServers.topics(PREFIX));
      arguments.add("--spring.datasource.url=" + postgres.jdbcUrl());
      arguments.add("--spring.datasource.username=postgres");
      arguments.add("--spring.datasource.password=");
      try (var service = RunningApi.start(arguments);
          var writer = new Writer(service.api())) {
        await().atMost(DEADLINE).until(() -> writer.created.size() >= 20);

        postgres.failOver();
        awaitWritesAccepted(writer);

        // A write that reaches a server refusing writes (SQLSTATE 25006, read-only transaction)
        // is answered 503 as well, and writes resume when the server takes them again.
        int refusedBefore = writer.refused.size();
        postgres.fence(true);
        await().atMost(DEADLINE).until(() -> writer.refused.size() > refusedBefore);
        postgres.fence(false);
        awaitWritesAccepted(writer);
        writer.close();

        // The projections work on the new primary too: a job another producer writes to the topic
        // shows up in the API.
        var direct = PREFIX + "-direct";
        try (var records = new Records(TestServers.kafka().bootstrapServers())) {
          records.sendText(
              PREFIX + ".jobs", direct, Jobs.definition(direct, "\"every\": \"PT1H\""));
        }
        await().atMost(DEADLINE).until(() -> service.api().get("/jobs/" + direct).status() == 200);

        assertThat(writer.refused).as("answers other than 201").allMatch(Writer::retryLater);
        var acknowledged = List.copyOf(writer.created);
        var stored =
            JdbcClient.create(postgres.replica().dataSource())
                .sql("SELECT id FROM jobs WHERE id LIKE :prefix")
                .param("prefix", PREFIX + "-%")
                .query(String.class)
                .set();
        assertThat(stored).containsAll(acknowledged);
        try (var topic =
            new TopicReader(TestServers.kafka().bootstrapServers(), PREFIX + ".jobs")) {
          await()
              .atMost(DEADLINE)
              .untilAsserted(
                  () ->
                      assertThat(topic.poll().stream().map(r -> r.key()).toList())
                          .containsAll(acknowledged));
        }
      }
    }
  }

  /** Waits until jobs sent from now on are created again. */
  private static void awaitWritesAccepted(Writer writer) {
    long from = writer.sent.get();
    await()
        .atMost(DEADLINE)
        .until(() -> writer.created.stream().anyMatch(id -> number(id) > from + 10));
  }

  private static long number(String id) {
    return Long.parseLong(id.substring(PREFIX.length() + 1));
  }

  /** Creates jobs one after the other on a thread of its own, and keeps every answer. */
  private static final class Writer implements AutoCloseable {

    final AtomicLong sent = new AtomicLong();
    final Queue<String> created = new ConcurrentLinkedQueue<>();
    final Queue<ApiClient.Answer> refused = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;

    Writer(ApiClient api) {
      thread =
          Thread.ofPlatform()
              .name("failover-writer")
              .start(
                  () -> {
                    while (!stop.get()) {
                      var id = PREFIX + "-" + sent.incrementAndGet();
                      var answer = api.post("/jobs", Jobs.definition(id, "\"every\": \"PT1H\""));
                      if (answer.status() == 201) {
                        created.add(id);
                      } else {
                        refused.add(answer);
                      }
                    }
                  });
    }

    static boolean retryLater(ApiClient.Answer answer) {
      return answer.status() == 503
          && answer.header("Retry-After") != null
          && answer.contentType().startsWith("application/problem+json");
    }

    @Override
    public void close() throws InterruptedException {
      stop.set(true);
      thread.join();
    }
  }
}
