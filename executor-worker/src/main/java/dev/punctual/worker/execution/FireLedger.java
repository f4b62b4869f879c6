package dev.punctual.worker.execution;

import dev.punctual.worker.execution.PartitionProgress.Prefix;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The progress of every assigned partition ({@link PartitionProgress}): which fires were consumed
 * and not committed yet, and which of them completed with which outputs. Only the contiguous
 * completed prefix of each partition may be committed. After a failed transaction the ledger is
 * rewound to the first uncommitted fire of each partition; a partition that moves to another worker
 * is forgotten. A completion that arrives for a partition that was rewound or forgotten since is
 * dropped, so its fire is not committed here and executes again. Confined to the poll thread; not
 * thread-safe.
 *
 * @param <T> an output record
 */
final class FireLedger<T> {

  private final Map<TopicPartition, PartitionProgress<T>> progress = new HashMap<>();
  private int uncommitted;

  /** Starts the progress of newly assigned partitions, with nothing consumed yet. */
  void assigned(Collection<TopicPartition> partitions) {
    partitions.forEach(partition -> progress.put(partition, new PartitionProgress<>(partition)));
  }

  /**
   * Records that the fire at {@code offset} of {@code partition} was consumed; returns the progress
   * its start and completion are recorded in.
   *
   * @throws IllegalStateException when {@code partition} is not assigned
   */
  PartitionProgress<T> consumed(TopicPartition partition, long offset) {
    var partitionProgress = progress.get(partition);
    if (partitionProgress == null) {
      throw new IllegalStateException(
          "received a record of " + partition + ", which is not assigned; this indicates a bug");
    }
    partitionProgress.consumed(offset);
    uncommitted++;
    return partitionProgress;
  }

  /**
   * Records that the fire at {@code offset} completed with {@code outputs}, unless {@code of} is no
   * longer the progress of its partition: a completion of a partition that was revoked, lost or
   * rewound since is dropped.
   */
  void completed(PartitionProgress<T> of, long offset, List<T> outputs) {
    if (progress.get(of.partition()) == of) {
      of.completed(offset, outputs);
    }
  }

  /** The completed prefix of every partition that has one. */
  Map<TopicPartition, Prefix<T>> completedPrefixes() {
    var prefixes = new HashMap<TopicPartition, Prefix<T>>();
    progress.forEach(
        (partition, p) -> p.completedPrefix().ifPresent(prefix -> prefixes.put(partition, prefix)));
    return prefixes;
  }

  /** Forgets the fires of {@code prefixes}, now that they are committed. */
  void committed(Map<TopicPartition, Prefix<T>> prefixes) {
    prefixes.forEach((partition, prefix) -> progress.get(partition).committed(prefix.nextOffset()));
    uncommitted -= fires(prefixes);
  }

  /**
   * Forgets every uncommitted fire of every partition, as after an aborted transaction; returns the
   * offset each partition with uncommitted fires must be consumed from again.
   */
  Map<TopicPartition, Long> rewind() {
    var positions = new HashMap<TopicPartition, Long>();
    for (var entry : progress.entrySet()) {
      entry
          .getValue()
          .firstUncommitted()
          .ifPresent(offset -> positions.put(entry.getKey(), offset));
      entry.setValue(new PartitionProgress<>(entry.getKey()));
    }
    uncommitted = 0;
    return positions;
  }

  /** Forgets {@code partitions} and their uncommitted fires, which their next owner executes. */
  void forget(Collection<TopicPartition> partitions) {
    for (var partition : partitions) {
      var removed = progress.remove(partition);
      if (removed != null) {
        uncommitted -= removed.size();
      }
    }
  }

  /** How many fires of {@code partitions} started and did not complete yet. */
  int runningIn(Collection<TopicPartition> partitions) {
    int count = 0;
    for (var partition : partitions) {
      var p = progress.get(partition);
      count += p == null ? 0 : p.running();
    }
    return count;
  }

  /** How many fires of all partitions were consumed and not committed yet. */
  int uncommitted() {
    return uncommitted;
  }

  /** How many partitions are assigned. */
  int partitions() {
    return progress.size();
  }

  /** How many fires {@code prefixes} hold. */
  static int fires(Map<TopicPartition, ? extends Prefix<?>> prefixes) {
    return prefixes.values().stream().mapToInt(Prefix::fires).sum();
  }
}
