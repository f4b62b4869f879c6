package dev.punctual.worker.execution;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.jspecify.annotations.Nullable;

/**
 * Fires whose output the broker refused for a reason of the record itself (larger than the topic's
 * {@code max.message.bytes}, a compacted topic without a key, a topic the worker may not write):
 * such a record fails its transaction again on every retry, and with it every fire committed
 * alongside. The execution loop remembers the fire by the coordinates of its fire record (topic,
 * partition, offset), which is where it comes back after the rewind, and then reports it {@code
 * FAILED} instead of executing it again. Records from the producer's I/O thread, read on the poll
 * thread; thread-safe and bounded.
 */
final class RejectedRecords {

  /** Remembered at most; the oldest is forgotten first. Far more than one rewind brings back. */
  static final int CAPACITY = 10_000;

  private final Map<Key, String> rejected =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, String> eldest) {
          return size() > CAPACITY;
        }
      };

  /**
   * Why the broker refused a record, for a person to act on, or {@code null} when {@code failure}
   * is not about the record itself (a timeout, a lost connection, a fenced producer), so that
   * executing the fire again may well succeed.
   */
  static @Nullable String reason(String topic, Exception failure) {
    if (failure instanceof RecordTooLargeException
        || failure instanceof RecordBatchTooLargeException) {
      return "Kafka refused the record for topic "
          + topic
          + ": it is larger than the topic accepts (max.message.bytes)";
    }
    if (failure instanceof TopicAuthorizationException) {
      return "Kafka refused the record for topic " + topic + ": the worker may not write to it";
    }
    if (failure instanceof InvalidRecordException || failure instanceof InvalidTopicException) {
      return "Kafka refused the record for topic " + topic + ": " + failure.getMessage();
    }
    return null;
  }

  /** Remembers that an output of the fire at {@code offset} of {@code partition} was refused. */
  synchronized void remember(TopicPartition partition, long offset, String reason) {
    rejected.putIfAbsent(new Key(partition, offset), reason);
  }

  /** Why an output of that fire was refused, forgetting it; {@code null} when it was not. */
  synchronized @Nullable String take(TopicPartition partition, long offset) {
    return rejected.remove(new Key(partition, offset));
  }

  private record Key(TopicPartition partition, long offset) {}
}
