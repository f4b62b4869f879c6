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
  private int running;

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

  /** Records that the fire at {@code offset} started executing. */
  void started(long offset) {
    var slot = byOffset.get(offset);
    if (slot == null || slot.started || slot.outputs != null) {
      throw new IllegalStateException(
          "offset "
              + offset
              + " of "
              + partition
              + " started twice or unconsumed; this indicates a bug");
    }
    slot.started = true;
    running++;
  }

  /**
   * Records that the fire at {@code offset}, started but held until its due time, was cancelled
   * before it executed: it no longer runs, and stays uncommitted.
   */
  void cancelled(long offset) {
    var slot = byOffset.get(offset);
    if (slot == null || !slot.started || slot.outputs != null) {
      throw new IllegalStateException(
          "offset "
              + offset
              + " of "
              + partition
              + " cancelled while not running; this indicates a bug");
    }
    slot.started = false;
    running--;
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
    if (slot.started) {
      running--;
    }
  }

  /** How many fires of this partition started and did not complete yet. */
  int running() {
    return running;
  }

  /**
   * The contiguous completed prefix: its outputs in offset order and the offset to commit after it,
   * or empty when the oldest uncommitted fire has not completed yet.
   */
  Optional<Prefix<T>> completedPrefix() {
    var done = new ArrayList<Done<T>>();
    for (var slot : slots) {
      if (slot.outputs == null) {
        break;
      }
      done.add(new Done<>(slot.offset, slot.outputs));
    }
    return done.isEmpty()
        ? Optional.empty()
        : Optional.of(new Prefix<>(done.getLast().offset() + 1, List.copyOf(done)));
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
   * @param done its fires with their outputs, in offset order
   */
  record Prefix<T>(long nextOffset, List<Done<T>> done) {

    /** How many fires the prefix holds. */
    int fires() {
      return done.size();
    }

    /** The outputs of all its fires, in offset order. */
    List<T> outputs() {
      return done.stream().flatMap(fire -> fire.outputs().stream()).toList();
    }
  }

  /** A completed fire: its offset and outputs. */
  record Done<T>(long offset, List<T> outputs) {}

  private static final class Slot<T> {
    final long offset;
    boolean started;
    @Nullable List<T> outputs; // until completed

    Slot(long offset) {
      this.offset = offset;
    }
  }
}
