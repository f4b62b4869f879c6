package dev.punctual.api.projection;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The offsets of one consumer's records that a projection loop applied and has not committed yet.
 * Projections are idempotent, so committing after every batch is not needed: offsets are committed
 * at most once per interval, when partitions are revoked (before another instance takes them), and
 * when the loop stops. After a crash, up to one interval of records is applied again and changes
 * nothing. Under load this saves a commit round trip per batch; at a low load, one per poll.
 */
final class OffsetCommits implements ConsumerRebalanceListener {

  /**
   * How long a commit may take. Bounded, also when the consumer closes (which commits the revoked
   * partitions through this listener), so a stop does not wait for an unreachable broker.
   */
  private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);

  private final Consumer<?, ?> consumer;
  private final Duration interval;
  private final LongSupplier nanoTime;
  private final Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
  private long lastCommit;

  OffsetCommits(Consumer<?, ?> consumer, Duration interval, LongSupplier nanoTime) {
    this.consumer = consumer;
    this.interval = interval;
    this.nanoTime = nanoTime;
    this.lastCommit = nanoTime.getAsLong() - interval.toNanos();
  }

  /** Records that a polled batch was applied (its database transaction committed). */
  void applied(ConsumerRecords<?, ?> records) {
    for (var partition : records.partitions()) {
      var last = records.records(partition).getLast();
      pending.put(partition, new OffsetAndMetadata(last.offset() + 1));
    }
  }

  /** Commits what is pending when the last commit is at least one interval ago. */
  void commitIfDue() {
    if (nanoTime.getAsLong() - lastCommit >= interval.toNanos()) {
      commitPending();
    }
  }

  /** Commits what is pending now. */
  void commitPending() {
    if (!pending.isEmpty()) {
      consumer.commitSync(Map.copyOf(pending), COMMIT_TIMEOUT);
      pending.clear();
    }
    lastCommit = nanoTime.getAsLong();
  }

  /**
   * Another instance takes these partitions, or this consumer closes: the next one resumes from
   * what this one applied.
   */
  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    var revoked = new HashMap<TopicPartition, OffsetAndMetadata>();
    for (var partition : partitions) {
      var offset = pending.remove(partition);
      if (offset != null) {
        revoked.put(partition, offset);
      }
    }
    if (!revoked.isEmpty()) {
      consumer.commitSync(revoked, COMMIT_TIMEOUT);
    }
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}

  /** Lost, not revoked: the group moved on, so these offsets can no longer be committed. */
  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    partitions.forEach(pending::remove);
  }
}
