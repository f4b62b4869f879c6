package dev.punctual.scheduler.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HangingTransactionsTest {

  private static final TopicPartition HERE = new TopicPartition("scheduler.fires", 3);
  private static final TopicPartition ELSEWHERE = new TopicPartition("scheduler.fires", 4);
  private static final long NOW = 1_000_000L;
  private static final Duration AGE = Duration.ofSeconds(30);
  private static final long PRODUCER = 42L;

  private static HangingTransactions.Open open(long lastWrittenMsAgo, OptionalLong startOffset) {
    return new HangingTransactions.Open(
        HERE,
        new ProducerState(PRODUCER, 5, 17, NOW - lastWrittenMsAgo, OptionalInt.of(2), startOffset));
  }

  private static HangingTransactions.Open oldOpen() {
    return open(AGE.toMillis() + 1, OptionalLong.of(100));
  }

  private static TransactionDescription coordinator(
      TransactionState state, int epoch, Set<TopicPartition> partitions) {
    return new TransactionDescription(
        1, state, PRODUCER, epoch, 2_000, OptionalLong.of(NOW - 40_000), partitions);
  }

  @Test
  void aProducerWithoutAnOpenTransactionDoesNotHang() {
    assertThat(HangingTransactions.hangs(open(60_000, OptionalLong.empty()), null, NOW, AGE))
        .isFalse();
  }

  @Test
  void aRecentlyWrittenTransactionIsNotJudgedYet() {
    assertThat(
            HangingTransactions.hangs(open(AGE.toMillis() - 1, OptionalLong.of(7)), null, NOW, AGE))
        .isFalse();
  }

  @Test
  void anOldOpenTransactionWhoseProducerNoCoordinatorKnowsHangs() {
    assertThat(HangingTransactions.hangs(oldOpen(), null, NOW, AGE)).isTrue();
  }

  @ParameterizedTest
  @EnumSource(
      value = TransactionState.class,
      names = {"ONGOING", "PREPARE_COMMIT", "PREPARE_ABORT", "PREPARE_EPOCH_FENCE"})
  void aTransactionTheCoordinatorHasInProgressWithThisPartitionIsLeftToIt(TransactionState state) {
    assertThat(HangingTransactions.hangs(oldOpen(), coordinator(state, 5, Set.of(HERE)), NOW, AGE))
        .isFalse();
    assertThat(HangingTransactions.hangs(oldOpen(), coordinator(state, 6, Set.of(HERE)), NOW, AGE))
        .as("a later epoch's markers end it too")
        .isFalse();
  }

  @ParameterizedTest
  @EnumSource(
      value = TransactionState.class,
      names = {"COMPLETE_COMMIT", "COMPLETE_ABORT", "EMPTY", "UNKNOWN"})
  void aTransactionTheCoordinatorHasEndedHangs(TransactionState state) {
    assertThat(HangingTransactions.hangs(oldOpen(), coordinator(state, 5, Set.of(HERE)), NOW, AGE))
        .isTrue();
  }

  @Test
  void anOngoingTransactionWithoutThisPartitionOrOfAnOlderEpochHangs() {
    assertThat(
            HangingTransactions.hangs(
                oldOpen(), coordinator(TransactionState.ONGOING, 5, Set.of(ELSEWHERE)), NOW, AGE))
        .isTrue();
    assertThat(
            HangingTransactions.hangs(
                oldOpen(), coordinator(TransactionState.ONGOING, 4, Set.of(HERE)), NOW, AGE))
        .isTrue();
  }

  @Test
  void theAbortCarriesTheProducerEpochAndCoordinatorEpochThePartitionReported() {
    var spec = oldOpen().abort();

    assertThat(spec.topicPartition()).isEqualTo(HERE);
    assertThat(spec.producerId()).isEqualTo(PRODUCER);
    assertThat(spec.producerEpoch()).isEqualTo((short) 5);
    assertThat(spec.coordinatorEpoch()).isEqualTo(2);
  }
}
