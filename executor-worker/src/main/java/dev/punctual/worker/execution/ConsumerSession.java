package dev.punctual.worker.execution;

import dev.punctual.model.event.JobFired;
import dev.punctual.model.topic.Topic;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer and one transactional producer, from subscription to close. The poll thread alone
 * touches the consumer, the producer's transactions and the {@link PartitionProgress} of each
 * assigned partition; executions run on virtual threads and hand their outputs back through a
 * thread-safe queue. Every output is committed in a transaction together with the consumer offsets
 * (KIP-447: {@code sendOffsetsToTransaction} with the consumer's group metadata), only for the
 * contiguous completed prefix of each partition. A failed transaction is aborted and the consumer
 * rewound to the first uncommitted fire of each partition, so those fires execute again; a fire
 * whose own record the broker refused is then reported {@code FAILED} instead ({@link
 * RejectedRecords}).
 */
final class ConsumerSession implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ConsumerSession.class);
  private static final Duration IDLE_POLL = Duration.ofMillis(100);
  private static final Duration BUSY_POLL = Duration.ofMillis(20);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final Consumer<byte[], byte[]> consumer;
  private final Transactions transactions;
  private final LoopSettings settings;
  private final Topic<String, JobFired> fires;
  private final ExecuteFire executeFire;
  private final DeadLetters deadLetters;
  private final Executor executions;
  private final WorkerMetrics metrics;
  private final LoopStatus status;
  private final RejectedRecords rejected;
  private final BlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
  private final Map<TopicPartition, PartitionProgress<ProducerRecord<byte[], byte[]>>> progress =
      new HashMap<>();
  private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
  private int uncommitted;
  private int running;
  private boolean pausing;
  private boolean drained;
  private long lastCommitNanos = System.nanoTime();

  ConsumerSession(
      FireClients clients,
      LoopSettings settings,
      ExecuteFire executeFire,
      Executor executions,
      WorkerMetrics metrics,
      LoopStatus status,
      RejectedRecords rejected) {
    this.settings = settings;
    this.fires = settings.topics().fires();
    this.executeFire = executeFire;
    this.deadLetters = new DeadLetters(settings.topics().deadLetter().name());
    this.executions = executions;
    this.metrics = metrics;
    this.status = status;
    this.rejected = rejected;
    this.consumer = clients.newConsumer();
    try {
      this.transactions = new Transactions(clients, rejected);
    } catch (RuntimeException e) {
      consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
      throw e;
    }
  }

  /** Consumes and executes fires until {@code stopping} says so, then drains and commits. */
  void run(BooleanSupplier stopping) {
    consumer.subscribe(List.of(fires.name()), new Rebalance());
    while (!stopping.getAsBoolean()) {
      pollOnce(true);
    }
    drain();
  }

  private void pollOnce(boolean accepting) {
    applyBackpressure(accepting);
    for (var record : consumer.poll(uncommitted > 0 ? BUSY_POLL : IDLE_POLL)) {
      consumed(record);
    }
    if (accepting) {
      startWaiting();
    }
    collectCompletions();
    commit(false);
    metrics.uncommitted(uncommitted);
  }

  /**
   * Stops taking new fires, lets running executions finish within the grace period and commits
   * them. Fires still running then, or consumed and not started, stay uncommitted: the next owner
   * of their partition executes them.
   */
  private void drain() {
    long deadline = System.nanoTime() + settings.shutdownGracePeriod().toNanos();
    log.info(
        "Stopping: waiting up to {} for {} running executions",
        settings.shutdownGracePeriod(),
        running);
    while (running > 0 && System.nanoTime() - deadline < 0) {
      pollOnce(false);
    }
    collectCompletions();
    commit(true);
    drained = true;
    if (running > 0) {
      log.warn("Stopped with {} executions still running; their fires will execute again", running);
    }
  }

  private void applyBackpressure(boolean accepting) {
    pausing =
        !accepting
            || !waiting.isEmpty()
            || uncommitted >= settings.maxUncommittedFires()
            || metrics.inFlight().get() >= settings.maxConcurrentExecutions();
    if (pausing) {
      if (consumer.paused().size() < consumer.assignment().size()) {
        consumer.pause(consumer.assignment());
      }
    } else if (!consumer.paused().isEmpty()) {
      consumer.resume(consumer.paused());
    }
  }

  private void consumed(ConsumerRecord<byte[], byte[]> record) {
    var partition = new TopicPartition(record.topic(), record.partition());
    var partitionProgress = progress.get(partition);
    if (partitionProgress == null) {
      throw new IllegalStateException(
          "received a record of " + partition + ", which is not assigned; this indicates a bug");
    }
    partitionProgress.consumed(record.offset());
    uncommitted++;
    waiting.addLast(new Pending(partitionProgress, record));
  }

  private void startWaiting() {
    // The poll thread alone raises the in-flight count, so this check cannot be overtaken.
    while (!waiting.isEmpty() && metrics.inFlight().get() < settings.maxConcurrentExecutions()) {
      start(waiting.removeFirst());
    }
  }

  private void start(Pending pending) {
    var record = pending.record();
    var refusal = rejected.take(pending.progress().partition(), record.offset());
    JobFired fire;
    try {
      fire = fires.valueSerde().deserializer().deserialize(record.topic(), record.value());
    } catch (RuntimeException e) {
      deadLetter(pending, DeadLetters.reason(e), refusal);
      return;
    }
    if (fire == null) {
      deadLetter(pending, "not a valid fire event: the record has no value", refusal);
      return;
    }
    if (refusal != null) {
      pending.progress().completed(record.offset(), executeFire.refused(fire, refusal));
      return;
    }
    pending.progress().started(record.offset());
    metrics.inFlight().incrementAndGet();
    running++;
    executions.execute(() -> execute(pending, fire));
  }

  private void execute(Pending pending, JobFired fire) {
    List<ProducerRecord<byte[], byte[]>> outputs = List.of();
    try {
      outputs = executeFire.execute(fire);
    } finally {
      // Hand the completion over before counting the execution as finished, so that whoever sees
      // the count drop can rely on the completion being queued.
      completions.add(new Completion(pending.progress(), pending.record().offset(), outputs));
      metrics.inFlight().decrementAndGet();
    }
  }

  private void deadLetter(Pending pending, String reason, @Nullable String refusal) {
    var record = pending.record();
    log.warn(
        "Dead-lettering record {} of {}-{}: {}",
        record.offset(),
        record.topic(),
        record.partition(),
        reason);
    metrics.deadLettered();
    var deadLetter =
        refusal == null
            ? deadLetters.of(record, reason)
            : deadLetters.withoutValue(record, reason, refusal);
    pending.progress().completed(record.offset(), List.of(deadLetter));
  }

  private void collectCompletions() {
    Completion completion;
    while ((completion = completions.poll()) != null) {
      collect(completion);
    }
  }

  /** Waits up to {@code nanos} for one execution to complete, then collects all that did. */
  private void awaitCompletion(long nanos) {
    try {
      var completion = completions.poll(nanos, TimeUnit.NANOSECONDS);
      if (completion != null) {
        collect(completion);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    collectCompletions();
  }

  private void collect(Completion completion) {
    running--;
    var current = progress.get(completion.progress().partition());
    // A completion of a partition that was revoked, lost or rewound since is dropped: its fire
    // is not committed here and executes again.
    if (current == completion.progress()) {
      current.completed(completion.offset(), completion.outputs());
    }
  }

  /** Commits the completed prefixes when the commit interval passed, or now if {@code force}. */
  private void commit(boolean force) {
    long now = System.nanoTime();
    if (!force && now - lastCommitNanos < settings.commitInterval().toNanos()) {
      return;
    }
    lastCommitNanos = now;
    var prefixes =
        new HashMap<TopicPartition, PartitionProgress.Prefix<ProducerRecord<byte[], byte[]>>>();
    progress.forEach(
        (partition, p) -> p.completedPrefix().ifPresent(prefix -> prefixes.put(partition, prefix)));
    if (prefixes.isEmpty()) {
      return;
    }
    int fires = prefixes.values().stream().mapToInt(PartitionProgress.Prefix::fires).sum();
    try {
      transactions.commit(prefixes, consumer.groupMetadata());
    } catch (KafkaException e) {
      transactionFailed(e, fires);
      return;
    }
    prefixes.forEach((partition, prefix) -> progress.get(partition).committed(prefix.nextOffset()));
    uncommitted -= fires;
    metrics.committed(fires);
  }

  private void transactionFailed(KafkaException failure, int fires) {
    log.warn(
        "Committing {} fires failed; will execute every uncommitted fire again from the last"
            + " committed offsets: {}",
        fires,
        failure.getMessage());
    metrics.loopError("transaction");
    transactions.abort();
    rewind();
  }

  /** Seeks every partition back to its first uncommitted fire and forgets what ran since. */
  private void rewind() {
    for (var entry : progress.entrySet()) {
      entry
          .getValue()
          .firstUncommitted()
          .ifPresent(offset -> consumer.seek(entry.getKey(), offset));
      entry.setValue(new PartitionProgress<>(entry.getKey()));
    }
    uncommitted = 0;
    waiting.clear();
  }

  /**
   * Before partitions move to another worker: waits up to the revoke grace period for their running
   * executions, so that the new owner does not call the same targets again, then commits.
   */
  private void awaitRunning(Collection<TopicPartition> partitions) {
    long deadline = System.nanoTime() + settings.revokeGracePeriod().toNanos();
    waiting.removeIf(pending -> partitions.contains(pending.progress().partition()));
    int still;
    while ((still = runningIn(partitions)) > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        log.info(
            "{} executions of revoked partitions still run after {}; their fires will execute"
                + " again on the partitions' new owner",
            still,
            settings.revokeGracePeriod());
        return;
      }
      awaitCompletion(left);
    }
  }

  private int runningIn(Collection<TopicPartition> partitions) {
    int count = 0;
    for (var partition : partitions) {
      var p = progress.get(partition);
      count += p == null ? 0 : p.running();
    }
    return count;
  }

  private void forget(Collection<TopicPartition> partitions) {
    for (var partition : partitions) {
      var removed = progress.remove(partition);
      if (removed != null) {
        uncommitted -= removed.size();
      }
    }
    waiting.removeIf(pending -> partitions.contains(pending.progress().partition()));
    status.partitions(progress.size());
  }

  @Override
  public void close() {
    try {
      consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
    } finally {
      transactions.close(CLOSE_TIMEOUT);
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      partitions.forEach(partition -> progress.put(partition, new PartitionProgress<>(partition)));
      if (pausing) {
        consumer.pause(partitions);
      }
      status.assigned(progress.size());
      if (!partitions.isEmpty()) {
        log.info("Assigned {}", partitions);
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      // When closing after the shutdown grace period, the executions had their time already.
      if (!drained) {
        awaitRunning(partitions);
      }
      // Commit what completed before the partitions move; the rest is executed by the new owner.
      collectCompletions();
      commit(true);
      forget(partitions);
      log.info("Revoked {}", partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      forget(partitions);
      log.warn(
          "Lost {}; their uncommitted fires will execute again on their new owner", partitions);
    }
  }

  /** A consumed fire not started yet. */
  private record Pending(
      PartitionProgress<ProducerRecord<byte[], byte[]>> progress,
      ConsumerRecord<byte[], byte[]> record) {}

  /** A finished execution, handed from its virtual thread to the poll thread. */
  private record Completion(
      PartitionProgress<ProducerRecord<byte[], byte[]>> progress,
      long offset,
      List<ProducerRecord<byte[], byte[]>> outputs) {}
}
