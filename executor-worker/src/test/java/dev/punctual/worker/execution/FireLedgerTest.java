package dev.punctual.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FireLedgerTest {

  private static final TopicPartition P0 = new TopicPartition("scheduler.fires", 0);
  private static final TopicPartition P1 = new TopicPartition("scheduler.fires", 1);

  private final FireLedger<String> ledger = new FireLedger<>();

  @BeforeEach
  void assignBothPartitions() {
    ledger.assigned(List.of(P0, P1));
  }

  @Test
  void commitsEachPartitionsContiguousCompletedPrefix() {
    var p0 = ledger.consumed(P0, 5);
    ledger.consumed(P0, 6);
    var p1 = ledger.consumed(P1, 3);
    ledger.completed(p0, 6, List.of("r6"));
    ledger.completed(p1, 3, List.of("r3"));

    var prefixes = ledger.completedPrefixes();

    assertThat(prefixes).containsOnlyKeys(P1);
    assertThat(prefixes.get(P1).nextOffset()).isEqualTo(4);
    assertThat(FireLedger.fires(prefixes)).isEqualTo(1);
    assertThat(ledger.uncommitted()).isEqualTo(3);

    ledger.committed(prefixes);

    assertThat(ledger.uncommitted()).isEqualTo(2);
    assertThat(ledger.completedPrefixes()).isEmpty();
    ledger.completed(p0, 5, List.of("r5"));
    var next = ledger.completedPrefixes();
    assertThat(next).containsOnlyKeys(P0);
    assertThat(next.get(P0).nextOffset()).isEqualTo(7);
    assertThat(next.get(P0).outputs()).containsExactly("r5", "r6");
    assertThat(FireLedger.fires(next)).isEqualTo(2);
  }

  @Test
  void rewindingReturnsTheFirstUncommittedOffsetOfEachPartitionAndForgetsWhatRanSince() {
    var p0 = ledger.consumed(P0, 5);
    ledger.consumed(P0, 6);
    var p1 = ledger.consumed(P1, 3);
    ledger.completed(p1, 3, List.of("r3"));
    ledger.committed(ledger.completedPrefixes());
    ledger.completed(p0, 6, List.of("r6"));

    var positions = ledger.rewind();

    assertThat(positions).isEqualTo(Map.of(P0, 5L));
    assertThat(ledger.uncommitted()).isZero();
    assertThat(ledger.completedPrefixes()).isEmpty();
    assertThat(ledger.partitions()).isEqualTo(2);
    // The fires are consumed again from there.
    var again = ledger.consumed(P0, 5);
    ledger.completed(again, 5, List.of("r5 again"));
    assertThat(ledger.completedPrefixes().get(P0).nextOffset()).isEqualTo(6);
  }

  @Test
  void aCompletionFromBeforeARewindIsDropped() {
    var before = ledger.consumed(P0, 5);
    ledger.rewind();
    var after = ledger.consumed(P0, 5);

    ledger.completed(before, 5, List.of("stale"));

    assertThat(ledger.completedPrefixes()).isEmpty();
    ledger.completed(after, 5, List.of("fresh"));
    assertThat(ledger.completedPrefixes().get(P0).outputs()).containsExactly("fresh");
  }

  @Test
  void aCompletionOfAForgottenPartitionIsDroppedEvenWhenThePartitionComesBack() {
    var before = ledger.consumed(P0, 5);
    ledger.consumed(P0, 6);
    ledger.consumed(P1, 3);

    ledger.forget(List.of(P0));

    assertThat(ledger.uncommitted()).isEqualTo(1);
    assertThat(ledger.partitions()).isEqualTo(1);
    ledger.assigned(List.of(P0));
    ledger.consumed(P0, 5);
    ledger.completed(before, 5, List.of("stale"));
    assertThat(ledger.completedPrefixes()).isEmpty();
  }

  @Test
  void countsTheRunningFiresOfSomePartitions() {
    var p0 = ledger.consumed(P0, 5);
    ledger.consumed(P0, 6);
    var p1 = ledger.consumed(P1, 3);
    p0.started(5);
    p0.started(6);
    p1.started(3);
    ledger.completed(p0, 6, List.of());

    assertThat(ledger.runningIn(List.of(P0))).isEqualTo(1);
    assertThat(ledger.runningIn(List.of(P0, P1))).isEqualTo(2);
    assertThat(ledger.runningIn(List.of(new TopicPartition("scheduler.fires", 7)))).isZero();
  }

  @Test
  void aRecordOfAPartitionNotAssignedIsABug() {
    var unassigned = new TopicPartition("scheduler.fires", 7);

    assertThatThrownBy(() -> ledger.consumed(unassigned, 0))
        .hasMessageContaining("not assigned; this indicates a bug");
    assertThat(ledger.uncommitted()).isZero();
  }
}
