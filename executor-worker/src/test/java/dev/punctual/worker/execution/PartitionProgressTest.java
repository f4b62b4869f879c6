package dev.punctual.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionProgressTest {

  private final PartitionProgress<String> progress =
      new PartitionProgress<>(new TopicPartition("scheduler.fires", 0));

  @Test
  void nothingIsCommittableUntilTheOldestFireCompleted() {
    progress.consumed(5);
    progress.consumed(6);
    progress.consumed(7);

    progress.completed(7, List.of("r7"));
    progress.completed(6, List.of("r6"));

    assertThat(progress.completedPrefix()).isEmpty();
    assertThat(progress.firstUncommitted()).hasValue(5);
  }

  @Test
  void aCancelledHeldFireNoLongerRunsAndStaysUncommitted() {
    progress.consumed(5);
    progress.consumed(6);
    progress.started(5);
    progress.started(6);
    progress.completed(6, List.of("r6"));

    progress.cancelled(5);

    assertThat(progress.running()).isZero();
    assertThat(progress.completedPrefix()).isEmpty();
    assertThat(progress.firstUncommitted()).hasValue(5);
    assertThatThrownBy(() -> progress.cancelled(5)).hasMessageContaining("indicates a bug");
    assertThatThrownBy(() -> progress.cancelled(6)).hasMessageContaining("indicates a bug");
  }

  @Test
  void theCompletedPrefixHoldsOutputsInOffsetOrderAndEndsAtTheFirstGap() {
    progress.consumed(5);
    progress.consumed(6);
    progress.consumed(7);
    progress.consumed(8);
    progress.completed(6, List.of("target6", "result6"));
    progress.completed(8, List.of("result8"));
    progress.completed(5, List.of("result5"));

    var prefix = progress.completedPrefix().orElseThrow();

    assertThat(prefix.nextOffset()).isEqualTo(7);
    assertThat(prefix.fires()).isEqualTo(2);
    assertThat(prefix.outputs()).containsExactly("result5", "target6", "result6");
  }

  @Test
  void committingForgetsThePrefixAndTheNextPrefixFollowsIt() {
    progress.consumed(5);
    progress.consumed(6);
    progress.consumed(7);
    progress.completed(5, List.of("r5"));
    progress.completed(7, List.of("r7"));
    progress.committed(progress.completedPrefix().orElseThrow().nextOffset());

    progress.completed(6, List.of("r6"));

    var prefix = progress.completedPrefix().orElseThrow();
    assertThat(prefix.nextOffset()).isEqualTo(8);
    assertThat(prefix.outputs()).containsExactly("r6", "r7");
    assertThat(progress.size()).isEqualTo(2);
    progress.committed(8);
    assertThat(progress.size()).isZero();
    assertThat(progress.firstUncommitted()).isEmpty();
    assertThat(progress.completedPrefix()).isEmpty();
  }

  @Test
  void offsetsMayHaveGapsLikeTransactionMarkers() {
    progress.consumed(10);
    progress.consumed(12);
    progress.completed(12, List.of("r12"));
    progress.completed(10, List.of("r10"));

    var prefix = progress.completedPrefix().orElseThrow();

    assertThat(prefix.nextOffset()).isEqualTo(13);
    assertThat(prefix.outputs()).containsExactly("r10", "r12");
  }

  @Test
  void aFireWithoutOutputsStillAdvancesTheOffset() {
    progress.consumed(3);
    progress.completed(3, List.of());

    assertThat(progress.completedPrefix().orElseThrow().nextOffset()).isEqualTo(4);
  }

  @Test
  void impossibleSequencesAreReportedAsBugs() {
    progress.consumed(5);
    progress.completed(5, List.of("r5"));

    assertThatThrownBy(() -> progress.consumed(5)).hasMessageContaining("indicates a bug");
    assertThatThrownBy(() -> progress.completed(5, List.of())).hasMessageContaining("twice");
    assertThatThrownBy(() -> progress.completed(9, List.of()))
        .hasMessageContaining("without being consumed");
  }

  @Test
  void committingAnIncompleteFireIsABug() {
    progress.consumed(5);

    assertThatThrownBy(() -> progress.committed(6)).hasMessageContaining("indicates a bug");
  }
}
