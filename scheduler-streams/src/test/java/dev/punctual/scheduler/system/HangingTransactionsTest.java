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
  void aTransactionItsCoordinatorCommittedOneEpochAgoIsCommittedUnderTransactionsV2() {
    var committed = coordinator(TransactionState.COMPLETE_COMMIT, 6, Set.of());

    assertThat(HangingTransactions.ending(oldOpen(), committed, true))
        .isEqualTo(HangingTransactions.Ending.COMMIT);
    assertThat(HangingTransactions.ending(oldOpen(), committed, false))
        .as("without version 2 the epoch does not tell which transaction ended")
        .isEqualTo(HangingTransactions.Ending.ABORT);
  }

  @Test
  void anyOtherHangingTransactionIsAborted() {
    assertThat(HangingTransactions.ending(oldOpen(), null, true))
        .isEqualTo(HangingTransactions.Ending.ABORT);
    assertThat(
            HangingTransactions.ending(
                oldOpen(), coordinator(TransactionState.COMPLETE_ABORT, 6, Set.of()), true))
        .as("its coordinator aborted it")
        .isEqualTo(HangingTransactions.Ending.ABORT);
    assertThat(
            HangingTransactions.ending(
                oldOpen(), coordinator(TransactionState.COMPLETE_COMMIT, 7, Set.of()), true))
        .as("a later transaction of the producer committed; how this one ended is not known")
        .isEqualTo(HangingTransactions.Ending.ABORT);
    assertThat(
            HangingTransactions.ending(
                oldOpen(), coordinator(TransactionState.COMPLETE_COMMIT, 5, Set.of()), true))
        .isEqualTo(HangingTransactions.Ending.ABORT);
    var otherProducer =
        new TransactionDescription(
            1,
            TransactionState.COMPLETE_COMMIT,
            PRODUCER + 1,
            6,
            2_000,
            OptionalLong.of(NOW - 40_000),
            Set.of());
    assertThat(HangingTransactions.ending(oldOpen(), otherProducer, true))
        .isEqualTo(HangingTransactions.Ending.ABORT);
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
