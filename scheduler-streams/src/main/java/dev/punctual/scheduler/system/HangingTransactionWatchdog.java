package dev.punctual.scheduler.system;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.utils.Utils;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Every {@code hanging-transaction-check}, looks for {@link HangingTransactions hanging
 * transactions} on the partitions the scheduler depends on, and ends them: the installation's
 * topics (those with its topic prefix), the scheduler's own internal topics (changelogs, prefixed
 * with its application id) and the {@code __consumer_offsets} partitions that hold its group's
 * offsets and the workers' (who also commit their offsets in transactions: a hanging one there
 * leaves a worker that starts without its committed offsets, executing nothing). A broker that shut
 * down in the middle of a commit can leave one behind, and until it is ended the scheduler's tasks
 * on those partitions do not fire (docs/operations.md, "A single broker restarted under load").
 *
 * <p>A transaction its coordinator committed is committed there too ({@link TransactionMarkers});
 * any other is aborted. Before ending one, it describes the partition again and ends it only if the
 * very same transaction (producer, epoch, first offset) is still open. Every instance runs it; the
 * first to find a hanging transaction ends it. Ending one needs the {@code ClusterAction}
 * permission where ACLs are on; without it the watchdog says once what to run by hand and keeps
 * looking.
 */
public final class HangingTransactionWatchdog implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(HangingTransactionWatchdog.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final String GROUP_OFFSETS_TOPIC = "__consumer_offsets";

  private final Map<String, Object> adminConfig;
  private final String topicPrefix;
  private final String applicationId;
  private final List<String> groups;
  private final Duration interval;
  private final Duration minimumAge;
  private final LongSupplier clock;
  private final Counter aborted;
  private final Counter committed;
  private final Counter failed;
  private volatile @Nullable ScheduledExecutorService executor;
  private volatile @Nullable Admin admin;
  private volatile boolean refusedSaid;

  public HangingTransactionWatchdog(
      Map<String, Object> adminConfig,
      SchedulerProperties properties,
      MeterRegistry registry,
      LongSupplier clock) {
    this.adminConfig = Map.copyOf(adminConfig);
    this.topicPrefix = properties.topicPrefix();
    this.applicationId = properties.applicationId();
    this.groups = List.of(properties.applicationId(), properties.workerGroupId());
    this.interval = properties.hangingTransactionCheck();
    this.minimumAge = properties.hangingTransactionAge();
    this.clock = clock;
    this.aborted =
        Counter.builder("punctual.scheduler.hanging.transactions.aborted")
            .description("Hanging transactions this instance found and aborted")
            .register(registry);
    this.committed =
        Counter.builder("punctual.scheduler.hanging.transactions.committed")
            .description(
                "Hanging transactions this instance found and committed, as their coordinators had")
            .register(registry);
    this.failed =
        Counter.builder("punctual.scheduler.hanging.transactions.checks.failed")
            .description("Checks for hanging transactions that could not be completed")
            .register(registry);
  }

  @Override
  public synchronized void start() {
    if (executor != null || interval.isZero()) {
      return;
    }
    admin = Admin.create(adminConfig);
    var scheduled =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              var thread = new Thread(runnable, "punctual-hanging-transactions");
              thread.setDaemon(true);
              return thread;
            });
    // Instances started together do not all look at the same moment.
    long firstMs = interval.toMillis() + ThreadLocalRandom.current().nextLong(interval.toMillis());
    scheduled.scheduleWithFixedDelay(
        this::checkSafely, firstMs, interval.toMillis(), TimeUnit.MILLISECONDS);
    executor = scheduled;
    log.info(
        "Looking for hanging transactions every {} (aborting those older than {})",
        interval,
        minimumAge);
  }

  @Override
  public synchronized void stop() {
    var scheduled = executor;
    if (scheduled != null) {
      scheduled.shutdownNow();
      executor = null;
    }
    var client = admin;
    if (client != null) {
      client.close(Duration.ofSeconds(5));
      admin = null;
    }
  }

  @Override
  public boolean isRunning() {
    return executor != null;
  }

  private void checkSafely() {
    var client = admin;
    if (client == null) {
      return;
    }
    try {
      check(client);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      failed.increment();
      var cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      if (cause instanceof ClusterAuthorizationException
          || cause instanceof TopicAuthorizationException) {
        if (!refusedSaid) {
          refusedSaid = true;
          log.warn(
              "Not allowed to look for or abort hanging transactions ({}); grant this principal"
                  + " Describe and ClusterAction, or run kafka-transactions.sh find-hanging and"
                  + " abort by hand after a broker restart",
              cause.getMessage());
        }
      } else {
        log.warn("Looking for hanging transactions failed: {}", cause.toString());
      }
    }
  }

  /**
   * One look: finds the hanging transactions and ends each that is still open, as its coordinator
   * ended it where that is known (a commit marker for a transaction it committed), else with an
   * abort marker.
   */
  public List<HangingTransactions.Open> check(Admin client)
      throws ExecutionException, InterruptedException, TimeoutException {
    var partitions = partitions(client);
    if (partitions.isEmpty()) {
      return List.of();
    }
    var hanging = look(client).find(partitions);
    var ended = new ArrayList<HangingTransactions.Open>();
    for (var found : hanging) {
      var transaction = found.open();
      var again = look(client).openOlderThan(List.of(transaction.partition()));
      if (again.stream().noneMatch(transaction::sameAs)) {
        continue;
      }
      if (found.ending() == HangingTransactions.Ending.COMMIT && commit(client, found)) {
        ended.add(transaction);
        continue;
      }
      client
          .abortTransaction(transaction.abort())
          .all()
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      aborted.increment();
      ended.add(transaction);
      said("Aborted", found, "so no coordinator was going to end it");
    }
    return ended;
  }

  /**
   * Ends {@code found}, which its coordinator committed, with a commit marker; whether it did. When
   * this Kafka client cannot send one, says so and leaves it to the abort.
   */
  private boolean commit(Admin client, HangingTransactions.Hanging found)
      throws ExecutionException, InterruptedException, TimeoutException {
    var transaction = found.open();
    try {
      TransactionMarkers.commit(client, transaction.abort(), TIMEOUT);
    } catch (UnsupportedOperationException e) {
      log.error(
          "Cannot commit the hanging transaction on {} that its coordinator committed ({});"
              + " aborting it instead drops its records there, which their producer counts as"
              + " written",
          transaction.partition(),
          e.getMessage());
      return false;
    }
    committed.increment();
    said("Committed", found, "but this partition never got its marker");
    return true;
  }

  /** Logs that {@code found} was ended ({@code how}: "Committed", "Aborted") and why. */
  private void said(String how, HangingTransactions.Hanging found, String why) {
    var transaction = found.open();
    log.warn(
        "{} a hanging transaction on {}: producer {} epoch {}, open since offset {}, last written {}"
            + " ms ago; {}, {}",
        how,
        transaction.partition(),
        transaction.producer().producerId(),
        transaction.producer().producerEpoch(),
        transaction.producer().currentTransactionStartOffset().orElse(-1),
        clock.getAsLong() - transaction.producer().lastTimestamp(),
        found.coordinatorSaid(),
        why);
  }

  /** A look at the cluster now. */
  private HangingTransactions.Look look(Admin client) {
    return new HangingTransactions.Look(client, clock.getAsLong(), minimumAge, TIMEOUT);
  }

  /** The partitions this scheduler depends on. */
  List<TopicPartition> partitions(Admin client)
      throws ExecutionException, InterruptedException, TimeoutException {
    var names =
        client
            .listTopics(new ListTopicsOptions().listInternal(true))
            .names()
            .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
            .stream()
            .filter(
                name ->
                    name.startsWith(topicPrefix)
                        || name.startsWith(applicationId + "-")
                        || name.equals(GROUP_OFFSETS_TOPIC))
            .toList();
    var partitions = new ArrayList<TopicPartition>();
    client
        .describeTopics(names)
        .allTopicNames()
        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .forEach(
            (name, description) -> {
              if (name.equals(GROUP_OFFSETS_TOPIC)) {
                // The partitions of the groups' coordinators: Kafka's formula for a group id.
                int count = description.partitions().size();
                groups.stream()
                    .map(group -> new TopicPartition(name, Utils.abs(group.hashCode()) % count))
                    .distinct()
                    .forEach(partitions::add);
              } else {
                description
                    .partitions()
                    .forEach(p -> partitions.add(new TopicPartition(name, p.partition())));
              }
            });
    return partitions;
  }
}
