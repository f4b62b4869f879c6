package dev.punctual.worker;

import static dev.punctual.worker.TestKafka.DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.ExecutionStatus;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Stopping a worker (what SIGTERM does: Spring closes the context, the lifecycle stops the loop)
 * lets the executions in flight finish within the grace period and commits their results.
 */
class ShutdownIT {

  private final TestEndpoint endpoint =
      TestEndpoint.start()
          .answeringAfter("/slow", Duration.ofMillis(1500), 200, "done")
          .answeringAfter("/hang", Duration.ofSeconds(60), 200, "finally");

  @AfterEach
  void stopEndpoint() {
    endpoint.close();
  }

  @Test
  void stoppingLetsTheFiresInFlightFinishAndCommitsEveryResult() throws Exception {
    var topics = TestKafka.topics("shut1.", 3);
    var fires = new ArrayList<JobFired>();
    for (int i = 0; i < 20; i++) {
      fires.add(Fires.aFire("slow-" + i, HttpTarget.post(endpoint.url("/slow"))));
    }
    var worker = Workers.start(topics, "shut-worker-1");
    TestKafka.produce(topics, fires);
    await().atMost(DEADLINE).until(() -> endpoint.inProgress() == fires.size());

    worker.close();

    var results = TestKafka.readResults(topics, fires.size());
    assertThat(results).hasSize(fires.size());
    assertThat(results)
        .extracting(ExecutionFinished::status)
        .containsOnly(ExecutionStatus.SUCCEEDED);
    assertThat(results)
        .extracting(ExecutionFinished::fireId)
        .containsExactlyInAnyOrderElementsOf(fires.stream().map(JobFired::fireId).toList());
    assertThat(endpoint.calls()).isEqualTo(fires.size());
    // The offsets after every fire were committed with the results.
    assertThat(committedOffsets(topics)).isEqualTo(endOffsets(topics));
  }

  @Test
  void aFireStillRunningAfterTheGracePeriodIsLeftForTheNextWorker() {
    var topics = TestKafka.topics("shut2.", 1);
    var hanging = Fires.aFire("hanging", HttpTarget.post(endpoint.url("/hang")));
    var worker =
        Workers.start(topics, "shut-worker-2", "--punctual.worker.shutdown-grace-period=PT1S");
    TestKafka.produce(topics, List.of(hanging));
    await().atMost(DEADLINE).until(() -> endpoint.inProgress() == 1);

    worker.close();

    assertThat(TestKafka.readResults(topics, 0)).isEmpty();
    endpoint.release();
    try (var next = Workers.start(topics, "shut-worker-3")) {
      var results = TestKafka.readResults(topics, 1);
      assertThat(results).hasSize(1);
      assertThat(results.getFirst().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(results.getFirst().workerId()).isEqualTo("shut-worker-3");
      assertThat(results.getFirst().attempt()).isEqualTo(1);
      assertThat(endpoint.calls(hanging.fireId())).isEqualTo(2);
    }
  }

  private static Map<TopicPartition, Long> committedOffsets(Topics topics) throws Exception {
    try (var admin = admin()) {
      return admin
          .listConsumerGroupOffsets(Workers.groupOf(topics))
          .partitionsToOffsetAndMetadata()
          .get(10, TimeUnit.SECONDS)
          .entrySet()
          .stream()
          .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
  }

  private static Map<TopicPartition, Long> endOffsets(Topics topics) throws Exception {
    try (var admin = admin()) {
      var partitions =
          admin
              .describeTopics(List.of(topics.fires().name()))
              .allTopicNames()
              .get(10, TimeUnit.SECONDS)
              .get(topics.fires().name())
              .partitions();
      var request =
          partitions.stream()
              .collect(
                  Collectors.toMap(
                      p -> new TopicPartition(topics.fires().name(), p.partition()),
                      p -> OffsetSpec.latest()));
      return admin.listOffsets(request).all().get(10, TimeUnit.SECONDS).entrySet().stream()
          .filter(e -> e.getValue().offset() > 0)
          .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
  }

  private static Admin admin() {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()));
  }
}
