package dev.punctual.api.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.api.testing.Jobs;
import dev.punctual.api.testing.RunningApi;
import dev.punctual.api.testing.TestServers;
import dev.punctual.embedded.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/**
 * A committed write wakes the relay: with a poll interval of ten minutes, every create, change and
 * trigger still reaches its topic within seconds.
 */
class RelayWakeUpIT {

  /** Far below the poll interval: only the wake-up on commit can meet it. */
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  @Test
  void aCommittedWriteIsPublishedWithoutWaitingForThePoll() {
    var arguments = new ArrayList<String>();
    arguments.addAll(TestServers.database("relaywakeup"));
    arguments.addAll(TestServers.topics("wake"));
    arguments.add("--punctual.api.outbox-poll-interval=PT10M");
    var bootstrap = TestServers.kafka().bootstrapServers();
    try (var api = RunningApi.start(arguments);
        var jobs = new TopicReader(bootstrap, "wake.jobs");
        var commands = new TopicReader(bootstrap, "wake.commands")) {
      var prefix = "wake-" + System.nanoTime() + "-";
      // One write after another: after each is relayed the relay finds the outbox empty and
      // would sleep for the poll interval, so each next record needs the wake-up.
      for (int i = 0; i < 3; i++) {
        var id = prefix + i;
        assertThat(api.api().post("/jobs", Jobs.definition(id, "\"every\": \"PT1M\"")).status())
            .isEqualTo(201);
        await().atMost(DEADLINE).until(() -> jobs.recordsOf(id).size() == 1);
      }
      var changed = prefix + "0";
      assertThat(
              api.api()
                  .put("/jobs/" + changed, Jobs.named(changed, "renamed", "\"every\": \"PT1M\""))
                  .status())
          .isEqualTo(200);
      await().atMost(DEADLINE).until(() -> jobs.recordsOf(changed).size() == 2);
      assertThat(api.api().post("/jobs/" + changed + "/trigger").status()).isEqualTo(202);
      await().atMost(DEADLINE).until(() -> commands.recordsOf(changed).size() == 1);
    }
  }
}
