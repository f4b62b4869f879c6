package dev.punctual.api.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When a projection loop commits what it applied: at most once per interval, the revoked partitions
 * before another instance takes them, and never the partitions it lost. Pure logic: a mock consumer
 * and a clock the test moves.
 */
class OffsetCommitsTest {

  private static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final TopicPartition P0 = new TopicPartition("fires", 0);
  private static final TopicPartition P1 = new TopicPartition("fires", 1);

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private MockConsumer<String, byte[]> consumer;
  private OffsetCommits commits;

  @BeforeEach
  void setUp() {
    consumer = new MockConsumer<>("earliest");
    consumer.assign(List.of(P0, P1));
    commits = new OffsetCommits(consumer, INTERVAL, now::get);
  }

  @Test
  void commitsTheFirstBatchAtOnceAndLaterOnesOncePerInterval() {
    commits.applied(batch(P0, 0, 4));
    commits.commitIfDue();
    assertThat(committed()).isEqualTo(Map.of(P0, 5L));

    now.addAndGet(INTERVAL.toNanos() / 2);
    commits.applied(batch(P0, 5, 9));
    commits.applied(batch(P1, 0, 2));
    commits.commitIfDue();
    assertThat(committed()).isEqualTo(Map.of(P0, 5L));

    now.addAndGet(INTERVAL.toNanos() / 2);
    commits.commitIfDue();
    assertThat(committed()).isEqualTo(Map.of(P0, 10L, P1, 3L));
  }

  @Test
  void revokedPartitionsAreCommittedAtOnceAndOnlyThey() {
    commits.applied(batch(P0, 0, 0));
    commits.commitIfDue();
    commits.applied(batch(P0, 1, 7));
    commits.applied(batch(P1, 0, 3));

    commits.onPartitionsRevoked(List.of(P1));

    assertThat(committed()).isEqualTo(Map.of(P0, 1L, P1, 4L));
    commits.commitPending();
    assertThat(committed()).isEqualTo(Map.of(P0, 8L, P1, 4L));
  }

  @Test
  void lostPartitionsAreNotCommitted() {
    commits.applied(batch(P0, 0, 2));
    commits.applied(batch(P1, 0, 5));

    commits.onPartitionsLost(List.of(P0));
    commits.commitPending();

    assertThat(committed()).isEqualTo(Map.of(P1, 6L));
  }

  private Map<TopicPartition, Long> committed() {
    var offsets = new java.util.HashMap<TopicPartition, Long>();
    consumer
        .committed(Set.of(P0, P1))
        .forEach(
            (partition, offset) -> {
              if (offset != null) {
                offsets.put(partition, offset.offset());
              }
            });
    return offsets;
  }

  /** Records {@code first} to {@code last} of one partition, as one poll returns them. */
  private static ConsumerRecords<String, byte[]> batch(
      TopicPartition partition, long first, long last) {
    var records = new java.util.ArrayList<ConsumerRecord<String, byte[]>>();
    for (long offset = first; offset <= last; offset++) {
      records.add(
          new ConsumerRecord<>(
              partition.topic(), partition.partition(), offset, "job", new byte[] {1}));
    }
    return new ConsumerRecords<>(
        Map.of(partition, records), Map.of(partition, new OffsetAndMetadata(last + 1)));
  }
}
