package dev.punctual.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.ExecutionStatus;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.job.KafkaTarget;
import dev.punctual.model.json.Json;
import dev.punctual.model.topic.Topics;
import dev.punctual.worker.Fires;
import dev.punctual.worker.http.CallHttpTarget;
import dev.punctual.worker.http.DestinationCheck;
import dev.punctual.worker.http.TargetHttpClient;
import dev.punctual.worker.kafka.PrepareKafkaTarget;
import dev.punctual.worker.kafka.TopicRules;
import dev.punctual.worker.secret.ResolveSecrets;
import dev.punctual.worker.secret.Secrets;
import dev.punctual.worker.trace.FireSpans;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.io.CloseMode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The poll loop's bookkeeping against Kafka's mock clients: what is committed, when, and what is
 * executed again. Each fire has a Kafka target whose topic check waits for the test's go-ahead, so
 * the test decides the order in which fires complete.
 */
class PollFiresTest {

  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final Topics TOPICS = Topics.DEFAULT;
  private static final TopicPartition P0 = new TopicPartition(TOPICS.fires().name(), 0);
  private static final TopicPartition P1 = new TopicPartition(TOPICS.fires().name(), 1);

  private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
  private final Map<String, Integer> checks = new ConcurrentHashMap<>();
  private final List<String> checkedTopics = new CopyOnWriteArrayList<>();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final WorkerMetrics metrics = new WorkerMetrics(registry);
  private final CloseableHttpClient httpClient =
      TargetHttpClient.create(DestinationCheck.ALLOW_ALL, Duration.ofSeconds(1));
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AtomicLong pollTasksRun = new AtomicLong();
  private final LoopStatus status = new LoopStatus();
  private Thread loop;

  private void startLoop() {
    startLoop(Duration.ZERO);
  }

  /** Starts the poll loop; the partitions P0 and P1 are assigned on its first poll. */
  private void startLoop(Duration revokeGracePeriod) {
    consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
    var prepareKafka =
        new PrepareKafkaTarget(
            TopicRules.anyButReserved(TOPICS.reserved()),
            (topic, size) -> {
              if (topic.startsWith("crash-")) {
                // An Error, which ExecuteFire's guard (RuntimeException) lets through.
                throw new AssertionError("a bug outside the guard, with s3cr3t in its message");
              }
              awaitGate(topic);
              checkedTopics.add(topic);
              return Optional.empty();
            },
            1024 * 1024);
    var http = new CallHttpTarget(httpClient, Duration.ofSeconds(1), 64);
    var executeFire =
        new ExecuteFire(
            http,
            prepareKafka,
            new ResolveSecrets(new Secrets(null, name -> null)),
            TOPICS.results(),
            "w1",
            Clock.systemUTC(),
            metrics,
            FireSpans.none());
    var clients =
        new FireClients() {
          @Override
          public org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> newConsumer() {
            return consumer;
          }

          @Override
          public org.apache.kafka.clients.producer.Producer<byte[], byte[]> newProducer() {
            return producer;
          }
        };
    var settings =
        new LoopSettings(
            TOPICS, 100, 1000, Duration.ofNanos(1), Duration.ofSeconds(1), revokeGracePeriod);
    var executions = Executors.newVirtualThreadPerTaskExecutor();
    var session =
        new PollFires(
            clients, settings, executeFire, executions, metrics, status, new RejectedRecords());
    onPoll(() -> consumer.rebalance(List.of(P0, P1)));
    loop =
        Thread.ofPlatform()
            .name("test-poll-loop")
            .start(
                () -> {
                  try (session) {
                    session.run(stopping::get);
                  }
                });
  }

  @AfterEach
  void stopLoop() throws InterruptedException {
    gates.values().forEach(CountDownLatch::countDown);
    stopping.set(true);
    if (loop != null) {
      loop.join(DEADLINE.toMillis());
    }
    httpClient.close(CloseMode.IMMEDIATE);
  }

  @Test
  void commitsAFireOnlyAfterEveryEarlierFireOfItsPartitionCompleted() {
    startLoop();
    gate("t0#1");
    gate("t1#1");
    gate("u0#1");
    onPoll(() -> addFires(fireTo(P0, 0, "t0"), fireTo(P0, 1, "t1"), fireTo(P1, 0, "u0")));

    open("t1#1");
    open("u0#1");
    await().atMost(DEADLINE).until(() -> checkedTopics.containsAll(List.of("t1", "u0")));
    await().atMost(DEADLINE).until(() -> metrics.inFlight().get() == 1);
    awaitFullLoopIterations();

    assertThat(sentTopics()).containsExactly("u0", TOPICS.results().name());
    assertThat(committedOffsets()).containsExactly(Map.of(P1, new OffsetAndMetadata(1)));

    open("t0#1");

    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () ->
                assertThat(sentTopics())
                    .containsExactly(
                        "u0",
                        TOPICS.results().name(),
                        "t0",
                        TOPICS.results().name(),
                        "t1",
                        TOPICS.results().name()));
    assertThat(committedOffsets()).last().isEqualTo(Map.of(P0, new OffsetAndMetadata(2)));
  }

  @Test
  void aFailedCommitIsAbortedAndItsFiresExecuteAgainFromTheFirstUncommittedOffset() {
    startLoop();
    producer.commitTransactionException = new KafkaException("the broker went away");
    onPoll(() -> addFires(fireTo(P0, 0, "t0"), fireTo(P0, 1, "t1")));

    await().atMost(DEADLINE).until(producer::transactionAborted);
    producer.commitTransactionException = null;
    var rewoundTo = new AtomicLong(-1);
    onPoll(
        () -> {
          rewoundTo.set(consumer.position(P0));
          // The mock consumer does not fetch again after a seek; deliver what Kafka would.
          addFires(fireTo(P0, 0, "t0"), fireTo(P0, 1, "t1"));
        });

    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () ->
                assertThat(sentTopics())
                    .containsExactly("t0", TOPICS.results().name(), "t1", TOPICS.results().name()));
    assertThat(rewoundTo).hasValue(0);
    assertThat(checkedTopics).containsExactlyInAnyOrder("t0", "t1", "t0", "t1");
    assertThat(committedOffsets()).last().isEqualTo(Map.of(P0, new OffsetAndMetadata(2)));
    assertThat(registry.get(WorkerMetrics.LOOP_ERRORS).tag("kind", "transaction").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void aFireOfARevokedPartitionIsNotCommittedWhenItCompletesLater() {
    startLoop();
    gate("t0#1");
    gate("t0#2");
    onPoll(() -> addFires(fireTo(P0, 0, "t0")));
    await().atMost(DEADLINE).until(() -> metrics.inFlight().get() == 1);

    // The partition moves away and comes back; its fire is delivered and executed again.
    onPoll(() -> consumer.rebalance(List.of(P1)));
    onPoll(
        () -> {
          consumer.rebalance(List.of(P0, P1));
          addFires(fireTo(P0, 0, "t0"));
        });
    await().atMost(DEADLINE).until(() -> metrics.inFlight().get() == 2);
    open("t0#1");
    await().atMost(DEADLINE).until(() -> metrics.inFlight().get() == 1);
    awaitFullLoopIterations();

    assertThat(sentTopics()).isEmpty();
    assertThat(committedOffsets()).isEmpty();

    open("t0#2");

    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () -> assertThat(sentTopics()).containsExactly("t0", TOPICS.results().name()));
    assertThat(checkedTopics).containsExactly("t0", "t0");
    assertThat(committedOffsets()).containsExactly(Map.of(P0, new OffsetAndMetadata(1)));
  }

  @Test
  void anUnreadableFireIsDeadLetteredAndTheNextOneStillRuns() {
    startLoop();
    onPoll(
        () -> {
          consumer.addRecord(new ConsumerRecord<>(P0.topic(), 0, 0, bytes("job"), bytes("{oops")));
          addFires(fireTo(P0, 1, "t1"));
        });

    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () ->
                assertThat(sentTopics())
                    .containsExactly(TOPICS.deadLetter().name(), "t1", TOPICS.results().name()));
    assertThat(committedOffsets()).last().isEqualTo(Map.of(P0, new OffsetAndMetadata(2)));
  }

  @Test
  void aFireWhoseExecutionThrowsPastTheGuardIsReportedFailedNotCommittedWithoutAResult() {
    startLoop();
    onPoll(() -> addFires(fireTo(P0, 0, "crash-t0"), fireTo(P0, 1, "t1")));

    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () ->
                assertThat(sentTopics())
                    .containsExactly(TOPICS.results().name(), "t1", TOPICS.results().name()));
    assertThat(committedOffsets()).last().isEqualTo(Map.of(P0, new OffsetAndMetadata(2)));
    var result = Json.fromBytes(producer.history().getFirst().value(), ExecutionFinished.class);
    assertThat(result.jobId()).isEqualTo("job-crash-t0");
    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.retryable()).isTrue();
    assertThat(result.error()).contains("internal error").doesNotContain("s3cr3t");
  }

  @Test
  void reportsRunningOnceThePartitionsAreAssigned() {
    assertThat(status.state()).isEqualTo(LoopStatus.State.STARTING);

    startLoop();

    await().atMost(DEADLINE).until(() -> status.state() == LoopStatus.State.RUNNING);
    assertThat(status.partitions()).isEqualTo(2);
  }

  @Test
  void aRevokedPartitionsRunningFireMayFinishAndIsCommittedBeforeThePartitionMoves() {
    startLoop(DEADLINE);
    gate("t0#1");
    onPoll(() -> addFires(fireTo(P0, 0, "t0"), fireTo(P0, 1, "t1")));
    await().atMost(DEADLINE).until(() -> checkedTopics.contains("t1"));
    var revoking = new CountDownLatch(1);
    onPoll(
        () -> {
          revoking.countDown();
          consumer.rebalance(List.of(P1));
        });

    // The poll thread now waits in the revocation for the running fire of P0.
    await().atMost(DEADLINE).until(() -> revoking.getCount() == 0);
    await().atMost(DEADLINE).until(() -> loop.getState() == Thread.State.TIMED_WAITING);
    open("t0#1");

    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () -> assertThat(committedOffsets()).contains(Map.of(P0, new OffsetAndMetadata(2))));
    assertThat(sentTopics())
        .containsExactly("t0", TOPICS.results().name(), "t1", TOPICS.results().name());
    await().atMost(DEADLINE).until(() -> status.partitions() == 1);
  }

  @Test
  void aFireConsumedBeforeItIsDueStartsThenWithoutHoldingUpOtherFires() {
    startLoop();
    // in milliseconds, as the scheduler's timers and the events' JSON carry it; far enough ahead
    // that the fire is consumed before it is due on a loaded machine too (a fire consumed late is
    // not held, and commits together with the other)
    var dueAt = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
    onPoll(() -> addFires(fireTo(P0, 0, "t0", dueAt), fireTo(P1, 0, "u0")));

    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () -> assertThat(committedOffsets()).contains(Map.of(P1, new OffsetAndMetadata(1))));
    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () -> assertThat(committedOffsets()).contains(Map.of(P0, new OffsetAndMetadata(1))));
    var result =
        producer.history().stream()
            .filter(record -> record.topic().equals(TOPICS.results().name()))
            .map(record -> Json.fromBytes(record.value(), ExecutionFinished.class))
            .filter(finished -> finished.jobId().equals("job-t0"))
            .findFirst()
            .orElseThrow();
    assertThat(result.startedAt()).isAfterOrEqualTo(dueAt);
    assertThat(metrics.held()).hasValue(0);
  }

  @Test
  void aHeldFireOfARevokedPartitionIsNeitherExecutedHereNorCommitted() {
    startLoop();
    onPoll(() -> addFires(fireTo(P0, 0, "t0", Instant.now().plusSeconds(3_600))));
    await().atMost(DEADLINE).until(() -> metrics.held().get() == 1);

    onPoll(() -> consumer.rebalance(List.of(P1)));

    await().atMost(DEADLINE).until(() -> status.partitions() == 1);
    assertThat(metrics.held()).hasValue(0);
    assertThat(metrics.inFlight()).hasValue(0);
    awaitFullLoopIterations();
    assertThat(checkedTopics).isEmpty();
    assertThat(sentTopics()).isEmpty();
    assertThat(committedOffsets()).noneMatch(offsets -> offsets.containsKey(P0));
  }

  /** Runs {@code task} on the poll thread, at the start of one of its polls. */
  private void onPoll(Runnable task) {
    consumer.schedulePollTask(
        () -> {
          task.run();
          pollTasksRun.incrementAndGet();
        });
  }

  /**
   * Waits until the poll loop went through two more polls, so everything that completed before was
   * collected and, if the loop would commit it, committed.
   */
  private void awaitFullLoopIterations() {
    long before = pollTasksRun.get();
    onPoll(() -> {});
    onPoll(() -> {});
    await().atMost(DEADLINE).until(() -> pollTasksRun.get() >= before + 2);
  }

  private void addFires(ConsumerRecord<byte[], byte[]>... records) {
    for (var record : records) {
      consumer.addRecord(record);
    }
  }

  private static ConsumerRecord<byte[], byte[]> fireTo(
      TopicPartition partition, long offset, String topic) {
    var target = KafkaTarget.of(topic, JsonNodeFactory.instance.stringNode("run"));
    return record(partition, offset, Fires.aFire("job-" + topic, target));
  }

  /** A fire emitted now, before it is due at {@code dueAt} (a scheduler's lead time). */
  private static ConsumerRecord<byte[], byte[]> fireTo(
      TopicPartition partition, long offset, String topic, Instant dueAt) {
    var target = KafkaTarget.of(topic, JsonNodeFactory.instance.stringNode("run"));
    var job = Fires.aJob("job-" + topic, target);
    return record(partition, offset, JobFired.scheduled(job, dueAt, Instant.now(), 0));
  }

  private static ConsumerRecord<byte[], byte[]> record(
      TopicPartition partition, long offset, JobFired fire) {
    return new ConsumerRecord<>(
        partition.topic(), partition.partition(), offset, bytes(fire.jobId()), Json.toBytes(fire));
  }

  private List<String> sentTopics() {
    return producer.history().stream().map(ProducerRecord::topic).toList();
  }

  private List<Map<TopicPartition, OffsetAndMetadata>> committedOffsets() {
    return producer.consumerGroupOffsetsHistory().stream()
        .flatMap(byGroup -> byGroup.values().stream())
        .toList();
  }

  /**
   * Makes the {@code n}th check of {@code topic} ({@code "<topic>#<n>"}) wait for {@link #open}.
   */
  private void gate(String topicAndCall) {
    gates.put(topicAndCall, new CountDownLatch(1));
  }

  private void open(String topicAndCall) {
    gates.get(topicAndCall).countDown();
  }

  private void awaitGate(String topic) {
    var gate = gates.get(topic + "#" + checks.merge(topic, 1, Integer::sum));
    if (gate == null) {
      return;
    }
    try {
      gate.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
