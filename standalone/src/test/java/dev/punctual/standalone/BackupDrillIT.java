package dev.punctual.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.api.backup.BackupCommand;
import dev.punctual.embedded.TopicReader;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.event.Trigger;
import dev.punctual.model.json.Json;
import dev.punctual.model.topic.Topics;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The backup drill end to end: a running system with a one-time job and a {@code maxRuns} job run
 * to completion and a recurring job, its PostgreSQL backed up while it runs ({@code backup}, as
 * {@code ./punctual backup} runs it), then a new system on a fresh broker (fresh topics) with empty
 * scheduler state and an empty database, and {@code restore} into it, which re-syncs the topic
 * through the new system's API. Every job is back at its version with its runs and status, and no
 * occurrence that fired before the backup fires again.
 */
class BackupDrillIT {

  private static final Topics TOPICS = Topics.DEFAULT;
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  @TempDir Path data;

  @Test
  void aBackupRestoredOnFreshTopicsAndStateBringsEveryJobBackAndFiresNothingTwice()
      throws Exception {
    var run = UUID.randomUUID().toString().substring(0, 8);
    var once = "drill-once-" + run;
    var twice = "drill-twice-" + run;
    var every = "drill-every-" + run;
    var before = data.resolve("before");
    var file = data.resolve("punctual.backup");
    Map<String, JsonNode> jobsBefore = new HashMap<>();
    Set<String> firedBefore;
    Map<String, Long> runsBefore;
    try (var target = new TargetServer()) {
      try (var system = PunctualSystem.start(StandaloneProperties.forTests(before), List.of());
          var fires = new TopicReader(system.kafkaBootstrapServers(), TOPICS.fires().name())) {
        // given a one-time job and a maxRuns job that run to completion, and a recurring job
        var at = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
        create(system, once, "{\"at\":\"" + at + "\"}", target);
        create(system, twice, "{\"every\":\"PT1S\",\"maxRuns\":2}", target);
        create(system, every, "{\"every\":\"PT2S\"}", target);
        await("completion, as the API sees it")
            .atMost(DEADLINE)
            .until(
                () ->
                    finished(system, once)
                        && finished(system, twice)
                        && job(system, every).hasNonNull("lastRunAt"));
        for (var id : List.of(once, twice, every)) {
          jobsBefore.put(id, job(system, id));
        }
        runsBefore = runs(system, List.of(once, twice));
        firedBefore =
            await("the fires on the topic")
                .atMost(DEADLINE)
                .until(
                    () -> scheduledFires(fires, List.of(once, twice, every)), f -> f.size() >= 4);
        // when its database is backed up while it runs
        var backup = command(system).run("backup", file.toString());
        assertThat(backup).isZero();
      }
      // and restored under a new system: a new broker with empty topics, a scheduler with empty
      // state, an empty database (which its API has migrated), and the re-sync through its API
      var after = data.resolve("after");
      try (var system = PunctualSystem.start(StandaloneProperties.forTests(after), List.of());
          var fires = new TopicReader(system.kafkaBootstrapServers(), TOPICS.fires().name())) {
        assertThat(command(system).run("restore", file.toString())).isZero();

        // then every job is back at its version, with its status and last run
        for (var id : List.of(once, twice, every)) {
          var restored = job(system, id);
          assertThat(restored.get("version")).isEqualTo(jobsBefore.get(id).get("version"));
          if (!id.equals(every)) { // the recurring job may already have run again
            assertThat(restored.get("lastRunAt")).isEqualTo(jobsBefore.get(id).get("lastRunAt"));
          }
        }
        assertThat(runs(system, List.of(once, twice))).isEqualTo(runsBefore).containsValues(1L, 2L);
        assertThat(status(system, once)).isEqualTo("COMPLETED");
        assertThat(status(system, twice)).isEqualTo("COMPLETED");
        // the recurring job goes on after its last fired occurrence; the completed ones stay quiet
        await("the recurring job firing on the new system")
            .atMost(DEADLINE)
            .until(() -> !scheduledFires(fires, List.of(every)).isEmpty());
        var firedAfter = new ArrayList<String>();
        await("no fire of the completed jobs")
            .during(Duration.ofSeconds(3))
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> {
                  firedAfter.clear();
                  firedAfter.addAll(scheduledFires(fires, List.of(once, twice, every)));
                  return firedAfter.stream().allMatch(fire -> fire.startsWith(every + "@"));
                });
        assertThat(firedAfter).doesNotContainAnyElementsOf(firedBefore);
      }
    }
  }

  /** {@code backup} or {@code restore} with the settings of this system's database and API. */
  private static BackupCommand command(PunctualSystem system) {
    var database =
        new BackupCommand.Database(system.postgresJdbcUrl(), system.postgresUsername(), "");
    var environment = Map.of("PUNCTUAL_API_URL", system.apiUrl());
    return new BackupCommand(environment, database, System.out, System.err);
  }

  private static void create(PunctualSystem system, String id, String schedule, TargetServer to) {
    var body =
        """
        {"id":"%s","schedule":%s,"target":{"type":"http","method":"POST","url":"%s"},
         "retry":{"maxAttempts":1,"initialBackoff":"PT1S","multiplier":1.0,"maxBackoff":"PT1S"}}
        """
            .formatted(id, schedule, to.url("/drill/" + id));
    var answer = ApiCalls.send(system, "POST", "/jobs", body);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
  }

  private static JsonNode job(PunctualSystem system, String id) {
    var answer = ApiCalls.send(system, "GET", "/jobs/" + id, null);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return Json.MAPPER.readTree(answer.body());
  }

  /** The scheduled runs the API counted for these jobs, from its PostgreSQL. */
  private static Map<String, Long> runs(PunctualSystem system, List<String> jobIds)
      throws SQLException {
    var runs = new HashMap<String, Long>();
    try (var connection =
            DriverManager.getConnection(system.postgresJdbcUrl(), system.postgresUsername(), "");
        var query =
            connection.prepareStatement("SELECT id, scheduled_runs FROM jobs WHERE id = ANY(?)")) {
      query.setArray(1, connection.createArrayOf("text", jobIds.toArray()));
      try (var rows = query.executeQuery()) {
        while (rows.next()) {
          runs.put(rows.getString(1), rows.getLong(2));
        }
      }
    }
    return runs;
  }

  /**
   * Whether a job is completed and the result of its last run is projected, not only its fire: the
   * result moves {@code lastRunAt} to the attempt's start, a few milliseconds after the fire, so a
   * snapshot taken before it would differ from what the backup holds.
   */
  private static boolean finished(PunctualSystem system, String id) {
    var job = job(system, id);
    return job.get("status").asString().equals("COMPLETED")
        && job.path("lastRunStatus").asString("").equals("SUCCEEDED");
  }

  private static String status(PunctualSystem system, String id) {
    return job(system, id).get("status").asString();
  }

  /**
   * The scheduled fires of these jobs read from a fires topic so far, as {@code job@scheduledAt}.
   */
  private static Set<String> scheduledFires(TopicReader reader, List<String> jobIds) {
    var fires = new HashSet<String>();
    for (var record : reader.poll()) {
      if (record.key() != null && jobIds.contains(record.key())) {
        JobFired fire = TOPICS.fires().valueSerde().deserializer().deserialize("", record.value());
        if (fire.trigger() == Trigger.SCHEDULE) {
          fires.add(fire.jobId() + "@" + fire.scheduledAt());
        }
      }
    }
    return fires;
  }
}
