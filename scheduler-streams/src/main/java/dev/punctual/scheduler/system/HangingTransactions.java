package dev.punctual.scheduler.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * Finds <em>hanging</em> transactions: a partition holds a transaction open that no transaction
 * coordinator will ever end. A {@code read_committed} reader stops at its first record, and so does
 * a consumer group that fetches its committed offsets from a {@code __consumer_offsets} partition
 * holding one: the scheduler's tasks on those partitions stop firing.
 *
 * <p>The only broker of a cluster leaves one behind when it shuts down while a transaction commits:
 * its coordinator finds no leader for some partitions of the transaction, drops them from it
 * ("likely deleted already") and completes the transaction without their markers. The broker never
 * aborts such a transaction by itself; an administrator does, with {@code kafka-transactions.sh
 * find-hanging} and {@code abort} (KIP-664). This class applies the same judgement, in Java:
 *
 * <ol>
 *   <li>the partition's producer state shows an open transaction whose producer last wrote to it
 *       more than {@code minimumAge} ago (a live transaction lasts about one commit interval, and
 *       the coordinator aborts one that outlives the transaction timeout);
 *   <li>and the coordinator does not know it: no transactional id has that producer id any more, or
 *       the transaction of that id is not in progress ({@code ONGOING}, {@code PREPARE_*}) with
 *       this partition in it.
 * </ol>
 *
 * An open transaction that the coordinator still counts as in progress is left to it: it ends it,
 * or aborts it at its timeout.
 *
 * <p>A hanging transaction is ended as its coordinator ended it, where that is known ({@link
 * #ending}): the broker's shutdown skips the markers of transactions the coordinator <em>commits
 * </em> as well, and its producer was told the commit succeeded. Aborting such a transaction drops
 * records its producer counts as written: a worker's results, whose fires it will not execute
 * again. With transaction version 2 (Kafka 4's default) every end of a transaction raises the
 * producer epoch by one, so a coordinator that reports {@code COMPLETE_COMMIT} one epoch above the
 * hanging transaction's committed that very transaction. Otherwise, abort is the only ending Kafka
 * offers.
 */
public final class HangingTransactions {

  private static final Set<TransactionState> IN_PROGRESS =
      Set.of(
          TransactionState.ONGOING,
          TransactionState.PREPARE_COMMIT,
          TransactionState.PREPARE_ABORT,
          TransactionState.PREPARE_EPOCH_FENCE);

  /** The feature that says which transaction protocol the cluster runs. */
  static final String TRANSACTION_VERSION_FEATURE = "transaction.version";

  private HangingTransactions() {}

  /** How a hanging transaction is ended. */
  public enum Ending {
    /** With a commit marker: its coordinator committed it. */
    COMMIT,
    /** With an abort marker: its coordinator aborted it, or how it ended is not known. */
    ABORT
  }

  /**
   * A hanging transaction, how it is to be ended, and what the coordinator said of it (for the
   * log).
   */
  public record Hanging(Open open, Ending ending, String coordinatorSaid) {}

  /** An open transaction on a partition, as the partition's leader describes it. */
  public record Open(TopicPartition partition, ProducerState producer) {

    /** The request that ends it with an abort marker, as {@code kafka-transactions.sh abort}. */
    public AbortTransactionSpec abort() {
      return new AbortTransactionSpec(
          partition,
          producer.producerId(),
          (short) producer.producerEpoch(),
          producer.coordinatorEpoch().orElse(0));
    }

    /** The same transaction: same producer, epoch and first offset. */
    boolean sameAs(Open other) {
      return partition.equals(other.partition)
          && producer.producerId() == other.producer.producerId()
          && producer.producerEpoch() == other.producer.producerEpoch()
          && producer
              .currentTransactionStartOffset()
              .equals(other.producer.currentTransactionStartOffset());
    }
  }

  /**
   * Whether {@code open} hangs, given what the coordinator says of its producer ({@code null}: no
   * transactional id has that producer id).
   */
  public static boolean hangs(
      Open open, @Nullable TransactionDescription coordinator, long nowMs, Duration minimumAge) {
    var producer = open.producer();
    if (producer.currentTransactionStartOffset().isEmpty()) {
      return false;
    }
    if (nowMs - producer.lastTimestamp() < minimumAge.toMillis()) {
      return false;
    }
    if (coordinator == null) {
      return true;
    }
    boolean inProgressHere =
        IN_PROGRESS.contains(coordinator.state())
            && coordinator.producerId() == producer.producerId()
            && coordinator.producerEpoch() >= producer.producerEpoch()
            && coordinator.topicPartitions().contains(open.partition());
    return !inProgressHere;
  }

  /**
   * How to end the hanging {@code open}: {@link Ending#COMMIT} only when the cluster runs
   * transaction version 2 ({@code transactionsV2}) and its coordinator reports the same producer id
   * in {@code COMPLETE_COMMIT} one epoch above the hanging transaction's; {@link Ending#ABORT}
   * otherwise.
   */
  public static Ending ending(
      Open open, @Nullable TransactionDescription coordinator, boolean transactionsV2) {
    if (transactionsV2
        && coordinator != null
        && coordinator.state() == TransactionState.COMPLETE_COMMIT
        && coordinator.producerId() == open.producer().producerId()
        && coordinator.producerEpoch() == open.producer().producerEpoch() + 1) {
      return Ending.COMMIT;
    }
    return Ending.ABORT;
  }

  private static String said(@Nullable TransactionDescription coordinator) {
    return coordinator == null
        ? "no coordinator knows its producer id"
        : "its coordinator reports "
            + coordinator.state()
            + " at epoch "
            + coordinator.producerEpoch();
  }

  /**
   * A look at the cluster through {@code admin} at {@code nowMs}, counting a transaction as old
   * once its producer has not written for {@code minimumAge}; each call waits at most {@code
   * timeout}.
   */
  public record Look(Admin admin, long nowMs, Duration minimumAge, Duration timeout) {

    /** The open transactions older than {@code minimumAge} on {@code partitions}. */
    public List<Open> openOlderThan(Collection<TopicPartition> partitions)
        throws ExecutionException, InterruptedException, TimeoutException {
      var open = new ArrayList<Open>();
      var described =
          admin.describeProducers(partitions).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      described.forEach(
          (partition, state) -> {
            for (var producer : state.activeProducers()) {
              if (producer.currentTransactionStartOffset().isPresent()
                  && nowMs - producer.lastTimestamp() >= minimumAge.toMillis()) {
                open.add(new Open(partition, producer));
              }
            }
          });
      return open;
    }

    /**
     * The hanging transactions among {@code partitions}: the old open ones, judged against what the
     * coordinators say of their producers, each with how to end it.
     */
    public List<Hanging> find(Collection<TopicPartition> partitions)
        throws ExecutionException, InterruptedException, TimeoutException {
      var open = openOlderThan(partitions);
      if (open.isEmpty()) {
        return List.of();
      }
      var producerIds = open.stream().map(o -> o.producer().producerId()).distinct().toList();
      Collection<TransactionListing> listings =
          admin
              .listTransactions(new ListTransactionsOptions().filterProducerIds(producerIds))
              .all()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      Map<Long, TransactionDescription> byProducer = new HashMap<>();
      if (!listings.isEmpty()) {
        var ids = listings.stream().map(TransactionListing::transactionalId).toList();
        admin
            .describeTransactions(ids)
            .all()
            .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .values()
            .forEach(description -> byProducer.put(description.producerId(), description));
      }
      var hanging = new ArrayList<Hanging>();
      Boolean transactionsV2 = null;
      for (var o : open) {
        var coordinator = byProducer.get(o.producer().producerId());
        if (hangs(o, coordinator, nowMs, minimumAge)) {
          if (transactionsV2 == null) {
            transactionsV2 = transactionsV2();
          }
          hanging.add(new Hanging(o, ending(o, coordinator, transactionsV2), said(coordinator)));
        }
      }
      return hanging;
    }

    /** Whether the cluster has transaction version 2 (or later) finalized. */
    private boolean transactionsV2()
        throws ExecutionException, InterruptedException, TimeoutException {
      var range =
          admin
              .describeFeatures()
              .featureMetadata()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .finalizedFeatures()
              .get(TRANSACTION_VERSION_FEATURE);
      return range != null && range.maxVersionLevel() >= 2;
    }
  }
}
