package dev.punctual.worker;

import static dev.punctual.worker.TestKafka.DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.ExecutionStatus;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.event.RecordHeaders;
import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.job.KafkaTarget;
import dev.punctual.model.topic.Topics;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Several workers share the fires of one installation; workers join, leave and crash in the middle
 * of a run. Half of the fires call an HTTP endpoint, half write a record to a Kafka topic.
 */
@ExtendWith(OutputCaptureExtension.class)
class SharedWorkIT {

  private static final int FIRES = 300;

  /** Few executions at a time against a slowish endpoint, so that a run lasts some seconds. */
  private static final String SLOW = "--punctual.worker.max-concurrent-executions=5";

  private final TestEndpoint endpoint =
      TestEndpoint.start().answeringAfter("/work", Duration.ofMillis(300), 200, "done");
  private Process crashing;

  @AfterEach
  void cleanUp() throws InterruptedException {
    if (crashing != null) {
      crashing.destroyForcibly();
      crashing.waitFor(30, TimeUnit.SECONDS);
    }
    endpoint.close();
  }

  @Test
  void workersJoiningAndLeavingMidRunExecuteEveryFireExactlyOnce(CapturedOutput output) {
    var topics = TestKafka.topics("share1.", 6);
    var fires = fires(topics, "share1-out");
    try (var a = Workers.start(topics, "share1-a", SLOW);
        var results = new CommittedResults(topics)) {
      TestKafka.produce(topics, fires.subList(0, 200));
      await().atMost(DEADLINE).until(() -> results.poll().size() >= 20);

      // b joins while a works: a's running fires of the partitions that move finish and commit
      // before the partitions go.
      try (var b = Workers.start(topics, "share1-b", SLOW)) {
        TestKafka.awaitMembersWithPartitions(Workers.groupOf(topics), 2);

        // a leaves with fires in hand: its running fires finish and commit, b does the rest.
        TestKafka.produce(topics, fires.subList(200, FIRES));
        a.close();
        await().atMost(DEADLINE).until(() -> results.poll().size() >= FIRES);
      }

      var all = TestKafka.readResults(topics, FIRES);
      assertThat(all).hasSize(FIRES);
      assertThat(all).extracting(ExecutionFinished::status).containsOnly(ExecutionStatus.SUCCEEDED);
      assertThat(all).extracting(ExecutionFinished::fireId).doesNotHaveDuplicates();
      assertThat(all).extracting(ExecutionFinished::workerId).contains("share1-a", "share1-b");
      // No HTTP fire was called twice, though partitions moved twice during the run.
      var httpFires = httpFireIds(fires);
      assertThat(endpoint.callsByKey().keySet()).containsExactlyInAnyOrderElementsOf(httpFires);
      // Graceful moves alone never call an HTTP fire twice. One race can: a worker's transactional
      // offset commit that meets the cooperative protocol's follow-up rebalance fails (its group
      // generation is no longer valid), and the worker executes its uncommitted fires again, which
      // at-least-once execution allows. Then, and only then, the worker says so in its log.
      if (endpoint.callsByKey().values().stream().anyMatch(calls -> calls > 1)) {
        assertThat(output.getOut()).contains("will execute every uncommitted fire again");
      }
      assertOutputHoldsEachKafkaFireOnce("share1-out", fires);
    }
  }

  @Test
  void aCrashedWorkersFiresAreExecutedByTheOtherAndKafkaTargetsStayExactlyOnce()
      throws IOException {
    var topics = TestKafka.topics("share2.", 6);
    var fires = fires(topics, "share2-out");
    try (var a = Workers.start(topics, "share2-a", SLOW);
        var results = new CommittedResults(topics)) {
      crashing = startInAnotherJvm(topics, "share2-b");
      TestKafka.awaitMembersWithPartitions(Workers.groupOf(topics), 2);
      TestKafka.produce(topics, fires);
      await().atMost(DEADLINE).until(() -> results.by("share2-b") >= 10);

      // kill -9: no drain, no commit, no leaving the group; maybe a transaction left open.
      crashing.destroyForcibly();

      var all = fires.stream().map(JobFired::fireId).collect(Collectors.toSet());
      await().atMost(DEADLINE).until(() -> results.succeeded().containsAll(all));

      var committed = TestKafka.readResults(topics, FIRES);
      assertThat(committed)
          .extracting(ExecutionFinished::status)
          .containsOnly(ExecutionStatus.SUCCEEDED);
      var byFire = committed.stream().collect(Collectors.groupingBy(ExecutionFinished::fireId));
      assertThat(byFire.keySet()).isEqualTo(all);
      // A Kafka fire's record and result commit together: exactly one of each.
      var kafkaFires =
          fires.stream()
              .filter(fire -> fire.target() instanceof KafkaTarget)
              .map(JobFired::fireId)
              .toList();
      assertThat(kafkaFires).allSatisfy(id -> assertThat(byFire.get(id)).hasSize(1));
      assertOutputHoldsEachKafkaFireOnce("share2-out", fires);
      // An HTTP fire may have been called again (at least once), never skipped.
      assertThat(endpoint.callsByKey().keySet()).containsAll(httpFireIds(fires));
    }
  }

  /** Every other fire calls the endpoint, the others write to {@code output}. */
  private List<JobFired> fires(Topics topics, String output) {
    TestKafka.createTopics(List.of(new NewTopic(output, 3, (short) 1)));
    var fires = new ArrayList<JobFired>();
    for (int i = 0; i < FIRES; i++) {
      var target =
          i % 2 == 0
              ? HttpTarget.post(endpoint.url("/work"))
              : KafkaTarget.of(output, JsonNodeFactory.instance.objectNode().put("i", i));
      fires.add(Fires.aFire(topics.prefix() + "job-" + i, target));
    }
    return fires;
  }

  private static Set<String> httpFireIds(List<JobFired> fires) {
    return fires.stream()
        .filter(fire -> fire.target() instanceof HttpTarget)
        .map(JobFired::fireId)
        .collect(Collectors.toSet());
  }

  private static void assertOutputHoldsEachKafkaFireOnce(String output, List<JobFired> fires) {
    var kafkaFires =
        fires.stream()
            .filter(fire -> fire.target() instanceof KafkaTarget)
            .map(JobFired::fireId)
            .toList();
    var written =
        TestKafka.readAll(output, kafkaFires.size()).stream()
            .map(record -> TestKafka.header(record, RecordHeaders.FIRE_ID))
            .toList();
    assertThat(written).doesNotHaveDuplicates();
    assertThat(written).containsExactlyInAnyOrderElementsOf(kafkaFires);
  }

  /**
   * Starts a worker in a JVM of its own, so that the test can kill it like a crash. It leaves the
   * group 6 s after its last heartbeat, and the broker aborts a transaction it left open after 5 s.
   */
  private static Process startInAnotherJvm(Topics topics, String workerId) throws IOException {
    var command = new ArrayList<String>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx384m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(WorkerApplication.class.getName());
    command.addAll(
        Workers.arguments(
            topics,
            workerId,
            SLOW,
            "--spring.kafka.consumer.properties.session.timeout.ms=6000",
            "--spring.kafka.consumer.properties.heartbeat.interval.ms=1000",
            "--spring.kafka.producer.properties.transaction.timeout.ms=5000"));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(new File("target/" + workerId + ".log"))
        .start();
  }
}
