package dev.punctual.api.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.punctual.api.testing.Jobs;
import dev.punctual.api.testing.PgBouncer;
import dev.punctual.api.testing.RunningApi;
import dev.punctual.api.testing.TestServers;
import dev.punctual.embedded.TopicReader;
import dev.punctual.model.json.JobDefinitionCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API works through PgBouncer in transaction pooling, with the JDBC setting docs/operations.md
 * gives for it ({@code prepareThreshold=0}: no named server-side prepared statements): Flyway's
 * migrations, concurrent creates, updates and reads (more client connections than server ones, so
 * transactions of different connections share a server connection), the outbox relay under its
 * transaction-level advisory locks, the rate limiter and the projections.
 */
class PgBouncerIT {

  // Not "pgbouncer": that is the name of its admin console database.
  private static final String NAME = "bouncer";
  private static final int JOBS = 24;

  @TempDir Path directory;

  @Test
  void theApiWorksThroughTransactionPooling() throws Exception {
    assumeTrue(
        PgBouncer.installed(),
        "pgbouncer is not on the PATH (Debian: apt-get install pgbouncer; .ci/run installs it)");
    TestServers.database(NAME);
    var postgres = TestServers.postgres();
    try (var bouncer =
        PgBouncer.start(directory, postgres.port(), postgres.username(), "transaction", 2)) {
      var arguments = new ArrayList<>(TestServers.topics(NAME));
      arguments.add(
          "--spring.datasource.url=jdbc:postgresql://127.0.0.1:%d/%s?prepareThreshold=0"
              .formatted(bouncer.port(), NAME));
      arguments.add("--spring.datasource.username=" + postgres.username());
      arguments.add("--spring.datasource.password=" + postgres.password());
      arguments.add("--spring.datasource.hikari.maximum-pool-size=8");
      try (var service = RunningApi.start(arguments);
          var topic = new TopicReader(TestServers.kafka().bootstrapServers(), NAME + ".jobs");
          var clients = Executors.newFixedThreadPool(8)) {
        var api = service.api();
        var prefix = NAME + "-" + System.nanoTime() + "-";
        List<Callable<List<Integer>>> writes =
            IntStream.range(0, JOBS)
                .mapToObj(i -> prefix + i)
                .<Callable<List<Integer>>>map(
                    id ->
                        () ->
                            List.of(
                                api.post("/jobs", Jobs.named(id, "v1", "\"every\": \"PT1H\""))
                                    .status(),
                                api.put("/jobs/" + id, Jobs.named(id, "v2", "\"every\": \"PT1H\""))
                                    .status(),
                                api.get("/jobs/" + id).status(),
                                api.get("/jobs?limit=5").status()))
                .toList();
        for (var answers : clients.invokeAll(writes)) {
          assertThat(answers.get()).containsExactly(201, 200, 200, 200);
        }

        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(
                () ->
                    assertThat(
                            topic.poll().stream()
                                .filter(r -> r.key().startsWith(prefix))
                                .filter(
                                    r -> JobDefinitionCodec.parse(r.value(), null).version() == 2)
                                .map(r -> r.key())
                                .distinct()
                                .count())
                        .isEqualTo(JOBS));
      }
    }
  }
}
