package dev.punctual.scheduler.system;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.KafkaAdminClient;
import org.apache.kafka.clients.admin.internals.AbortTransactionHandler;
import org.apache.kafka.clients.admin.internals.AdminApiFuture;
import org.apache.kafka.clients.admin.internals.AdminApiHandler;
import org.apache.kafka.clients.admin.internals.PartitionLeaderCache;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.requests.WriteTxnMarkersRequest;
import org.apache.kafka.common.utils.LogContext;

/**
 * Ends one partition's part of a transaction with a <em>commit</em> marker, as its coordinator
 * would have: the same request ({@code WriteTxnMarkers}, sent to the partition's leader, needing
 * {@code ClusterAction}) that {@link Admin#abortTransaction} sends with an abort marker (KIP-664).
 * Kafka's Admin client offers only the abort, and no library offers the commit, so this is written
 * here: it runs the Admin client's own abort handler with the marker's result turned to commit,
 * through the client's own request driver. Both are Kafka client internals; the driver is reached
 * by reflection. Where they are missing (another Kafka client version), {@link #commit} throws
 * {@link UnsupportedOperationException} and the caller decides what to do instead.
 */
final class TransactionMarkers {

  private TransactionMarkers() {}

  /**
   * Writes a commit marker for the transaction {@code spec} names (producer id, epoch, coordinator
   * epoch) on its partition, waiting up to {@code timeout}.
   *
   * @throws UnsupportedOperationException when this Kafka client cannot send it
   * @throws ExecutionException when the broker refused it
   */
  static void commit(Admin admin, AbortTransactionSpec spec, Duration timeout)
      throws ExecutionException, InterruptedException, TimeoutException {
    var driver = driver(admin);
    var partition = spec.topicPartition();
    var future = AbortTransactionHandler.newFuture(Set.of(partition), new PartitionLeaderCache());
    try {
      driver.invoke(admin, new CommitHandler(spec), future, Math.toIntExact(timeout.toMillis()));
    } catch (IllegalAccessException e) {
      throw new UnsupportedOperationException("cannot send a commit marker: " + e, e);
    } catch (InvocationTargetException e) {
      throw new ExecutionException(e.getCause());
    }
    future.all().get(partition).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static Method driver(Admin admin) {
    if (!(admin instanceof KafkaAdminClient)) {
      throw new UnsupportedOperationException(
          "cannot send a commit marker through " + admin.getClass().getName());
    }
    try {
      var method =
          KafkaAdminClient.class.getDeclaredMethod(
              "invokeDriver", AdminApiHandler.class, AdminApiFuture.class, Integer.class);
      method.setAccessible(true);
      return method;
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new UnsupportedOperationException(
          "this Kafka client version offers no way to send a commit marker: " + e, e);
    }
  }

  /** The Admin client's abort handler, writing a commit marker instead. */
  private static final class CommitHandler extends AbortTransactionHandler {

    CommitHandler(AbortTransactionSpec spec) {
      super(spec, new LogContext("[hanging transaction commit] "));
    }

    @Override
    public String apiName() {
      return "commitHangingTransaction";
    }

    @Override
    public WriteTxnMarkersRequest.Builder buildBatchedRequest(
        int brokerId, Set<TopicPartition> partitions) {
      var builder = super.buildBatchedRequest(brokerId, partitions);
      builder.data.markers().forEach(marker -> marker.setTransactionResult(true));
      return builder;
    }
  }
}
