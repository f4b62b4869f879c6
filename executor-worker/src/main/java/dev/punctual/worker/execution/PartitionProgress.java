package dev.punctual.worker.execution;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * The fires of one partition that were consumed and not yet committed, in offset order, and which
 * of them completed with which outputs. Only the contiguous completed prefix may be committed: a
 * fire that completed out of order waits, its outputs held here, until every earlier fire of the
 * partition completed. Confined to the poll thread; not thread-safe.
 *
 * @param <T> an output record
 */
final class PartitionProgress<T> {

  private final TopicPartition partition;
  private final ArrayDeque<Slot<T>> slots = new ArrayDeque<>();
  private final Map<Long, Slot<T>> byOffset = new HashMap<>();

  PartitionProgress(TopicPartition partition) {
    this.partition = partition;
  }

  TopicPartition partition() {
    return partition;
  }

  /** Records that the fire at {@code offset} was consumed; offsets must increase. */
  void consumed(long offset) {
    var last = slots.peekLast();
    if (last != null && offset <= last.offset) {
      throw new IllegalStateException(
          "offset "
              + offset
              + " of "
              + partition
              + " consumed after "
              + last.offset
              + "; this indicates a bug");
    }
    var slot = new Slot<T>(offset);
    slots.addLast(slot);
    byOffset.put(offset, slot);
  }

  /** Records that the fire at {@code offset} completed, producing {@code outputs}. */
  void completed(long offset, List<T> outputs) {
    var slot = byOffset.get(offset);
    if (slot == null || slot.outputs != null) {
      throw new IllegalStateException(
          "offset "
              + offset
              + " of "
              + partition
              + (slot == null ? " completed without being consumed" : " completed twice")
              + "; this indicates a bug");
    }
    slot.outputs = List.copyOf(outputs);
  }

  /**
   * The contiguous completed prefix: its outputs in offset order and the offset to commit after it,
   * or empty when the oldest uncommitted fire has not completed yet.
   */
  Optional<Prefix<T>> completedPrefix() {
    var outputs = new ArrayList<T>();
    long next = -1;
    int fires = 0;
    for (var slot : slots) {
      if (slot.outputs == null) {
        break;
      }
      outputs.addAll(slot.outputs);
      next = slot.offset + 1;
      fires++;
    }
    return fires == 0 ? Optional.empty() : Optional.of(new Prefix<>(next, fires, outputs));
  }

  /** Forgets every fire before {@code nextOffset}, now that it is committed. */
  void committed(long nextOffset) {
    while (!slots.isEmpty() && slots.peekFirst().offset < nextOffset) {
      var slot = slots.peekFirst();
      if (slot.outputs == null) {
        throw new IllegalStateException(
            "offset "
                + slot.offset
                + " of "
                + partition
                + " committed before it completed; this indicates a bug");
      }
      slots.removeFirst();
      byOffset.remove(slot.offset);
    }
  }

  /** The offset of the oldest fire not committed yet, where a consumer must resume. */
  OptionalLong firstUncommitted() {
    var first = slots.peekFirst();
    return first == null ? OptionalLong.empty() : OptionalLong.of(first.offset);
  }

  /** How many fires were consumed and not committed yet. */
  int size() {
    return slots.size();
  }

  /**
   * The completed prefix of a partition.
   *
   * @param nextOffset the offset to commit: one after the last completed fire of the prefix
   * @param fires how many fires the prefix holds
   * @param outputs their outputs, in offset order
   */
  record Prefix<T>(long nextOffset, int fires, List<T> outputs) {}

  private static final class Slot<T> {
    final long offset;
    @Nullable List<T> outputs; // until completed

    Slot(long offset) {
      this.offset = offset;
    }
  }
}
