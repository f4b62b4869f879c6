package dev.punctual.api.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.api.testing.ApiClient;
import dev.punctual.api.testing.ApiProcess;
import dev.punctual.api.testing.Jobs;
import dev.punctual.api.testing.TestServers;
import dev.punctual.embedded.TopicReader;
import dev.punctual.model.json.JobDefinitionCodec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The outbox's promise against the API process dying: a definition the API acknowledged is in
 * PostgreSQL, and reaches the topic even though the process was killed (SIGKILL) right after it
 * answered. The test holds every outbox bucket's advisory lock, as a busy relay of another instance
 * would, so the killed process cannot have published anything before it died; a new process on the
 * same database then relays what the dead one left behind.
 */
class ApiProcessCrashIT {

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final int JOBS = 6;

  @Test
  void everyAcknowledgedWriteReachesTheTopicAfterTheApiProcessIsKilled() throws Exception {
    var arguments = new ArrayList<String>();
    arguments.addAll(TestServers.database("apicrash"));
    arguments.addAll(TestServers.topics("crash"));
    var prefix = "crash-" + System.nanoTime() + "-";
    // What the API acknowledged: the version it answered for each job, -1 for a deletion.
    var acknowledged = new LinkedHashMap<String, Long>();

    try (var relayBlocker = holdEveryBucket(jdbcUrl(arguments))) {
      // given an API process whose relay cannot publish...
      var first = ApiProcess.start("api-crash-first", arguments);
      try {
        write(first.api(), prefix, acknowledged);
        assertThat(backlog(relayBlocker))
            .as("outbox rows of the acknowledged writes, none relayed")
            .isEqualTo(JOBS + 3);
      } finally {
        // ...when it dies right after its commits,
        first.kill();
      }
      // then a new process on the same database relays every row the dead one left behind.
      try (var second = ApiProcess.start("api-crash-second", arguments)) {
        relayBlocker.rollback();
        await("outbox drained").atMost(DEADLINE).until(() -> backlog(relayBlocker) == 0);
        assertTopicHolds(acknowledged);
        for (var job : acknowledged.entrySet()) {
          var stored = second.api().get("/jobs/" + job.getKey());
          if (job.getValue() < 0) {
            assertThat(stored.status()).as(job.getKey()).isEqualTo(404);
          } else {
            assertThat(stored.json().get("version").asLong())
                .as(job.getKey())
                .isEqualTo(job.getValue());
          }
        }
      }
    }
  }

  /** Creates {@link #JOBS} jobs, updates two and deletes one; remembers what was acknowledged. */
  private static void write(ApiClient api, String prefix, Map<String, Long> acknowledged) {
    for (int i = 0; i < JOBS; i++) {
      var created = api.post("/jobs", Jobs.named(prefix + i, "v1", "\"every\": \"PT1H\""));
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      acknowledged.put(prefix + i, created.json().get("version").asLong());
    }
    for (int i = 0; i < 2; i++) {
      var updated =
          api.put("/jobs/" + prefix + i, Jobs.named(prefix + i, "v2", "\"every\": \"PT1H\""));
      assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
      acknowledged.put(prefix + i, updated.json().get("version").asLong());
    }
    var deleted = api.delete("/jobs/" + prefix + (JOBS - 1));
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
    acknowledged.put(prefix + (JOBS - 1), -1L);
  }

  /** Every job's records on the topic, in order, end with what the API acknowledged. */
  private static void assertTopicHolds(Map<String, Long> acknowledged) {
    try (var topic = new TopicReader(TestServers.kafka().bootstrapServers(), "crash.jobs")) {
      await("acknowledged writes on the topic")
          .atMost(DEADLINE)
          .until(
              () -> {
                topic.poll();
                return acknowledged.entrySet().stream()
                    .allMatch(job -> endsWith(topic.recordsOf(job.getKey()), job.getValue()));
              });
      for (var job : acknowledged.entrySet()) {
        var versions =
            topic.recordsOf(job.getKey()).stream()
                .filter(r -> r.value() != null)
                .map(r -> JobDefinitionCodec.parse(r.value(), null).version())
                .toList();
        // Every version the API wrote, in order (a relay retry may repeat one).
        assertThat(versions).as(job.getKey()).isSorted().startsWith(1L);
      }
    }
  }

  private static boolean endsWith(List<ConsumerRecord<String, byte[]>> records, long version) {
    if (records.isEmpty()) {
      return false;
    }
    var last = records.getLast().value();
    if (version < 0) {
      return last == null;
    }
    return last != null && JobDefinitionCodec.parse(last, null).version() == version;
  }

  /**
   * A transaction that holds the advisory lock of every outbox bucket, as a relay of another
   * instance does while it publishes a bucket: relays skip those buckets until it ends.
   */
  private static Connection holdEveryBucket(String jdbcUrl) throws SQLException {
    var connection =
        DriverManager.getConnection(
            jdbcUrl, TestServers.postgres().username(), TestServers.postgres().password());
    connection.setAutoCommit(false);
    try (var lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
      for (int bucket = 0; bucket < OutboxRepository.BUCKETS; bucket++) {
        lock.setInt(1, OutboxRepository.LOCK_CLASS);
        lock.setInt(2, bucket);
        lock.execute();
      }
    }
    return connection;
  }

  /** Outbox rows, read outside the lock-holding transaction's snapshot. */
  private static long backlog(Connection lockHolder) throws SQLException {
    try (var connection =
            DriverManager.getConnection(
                lockHolder.getMetaData().getURL(),
                TestServers.postgres().username(),
                TestServers.postgres().password());
        var count = connection.createStatement().executeQuery("SELECT count(*) FROM outbox")) {
      count.next();
      return count.getLong(1);
    }
  }

  private static String jdbcUrl(List<String> arguments) {
    var key = "--spring.datasource.url=";
    return arguments.stream()
        .filter(a -> a.startsWith(key))
        .map(a -> a.substring(key.length()))
        .findFirst()
        .orElseThrow();
  }
}
