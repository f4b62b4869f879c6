package dev.punctual.api.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.log.LogContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The order in which a polled batch is applied: by job (record key), then by the projection's order
 * within a job, a job's records otherwise keeping their offset order. Pure logic: a mock consumer
 * and a transaction manager that counts transactions; the database side is {@code
 * ConcurrentProjectionsIT}.
 */
class ProjectTopicOrderTest {

  private static final String TOPIC = "orders";
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

  @Test
  void aBatchIsAppliedByJobKeepingEachJobsOffsetOrder() {
    var applied = applyOneBatch((a, b) -> 0);

    assertThat(applied).containsExactly("a:3", "a:1", "b:2", "b:0", "c:9");
  }

  @Test
  void withinAJobTheProjectionsOrderDecides() {
    var applied = applyOneBatch(Comparator.naturalOrder());

    assertThat(applied).containsExactly("a:1", "a:3", "b:0", "b:2", "c:9");
  }

  private List<String> applyOneBatch(Comparator<String> orderWithinJob) {
    var consumer = new MockConsumer<String, byte[]>("earliest");
    consumer.schedulePollTask(
        () -> {
          consumer.rebalance(List.of(P0, P1));
          consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
          // Partition 0 holds jobs c and a, partition 1 holds b and a later record of a's.
          add(consumer, P0, 0, "c", "c:9");
          add(consumer, P0, 1, "a", "a:3");
          add(consumer, P1, 0, "b", "b:2");
          add(consumer, P0, 2, "a", "a:1");
          add(consumer, P1, 1, "b", "b:0");
        });
    var applied = new ArrayList<String>();
    var transactions = new CountingTransactions();
    var loop =
        new ProjectTopic<>(
            new RecordingProjection(applied, orderWithinJob),
            () -> consumer,
            new TransactionTemplate(transactions),
            Duration.ofMillis(10),
            new SimpleMeterRegistry());

    loop.runOnce();

    assertThat(transactions.committed).isEqualTo(1);
    return applied;
  }

  private static void add(
      MockConsumer<String, byte[]> consumer,
      TopicPartition partition,
      long offset,
      String key,
      String value) {
    consumer.addRecord(
        new ConsumerRecord<>(
            partition.topic(),
            partition.partition(),
            offset,
            key,
            value.getBytes(StandardCharsets.UTF_8)));
  }

  private record RecordingProjection(List<String> applied, Comparator<String> order)
      implements Projection<String> {

    @Override
    public String name() {
      return "orders";
    }

    @Override
    public String topic() {
      return TOPIC;
    }

    @Override
    public String read(ConsumerRecord<String, byte[]> record) {
      return new String(record.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void apply(String value, ConsumerRecord<String, byte[]> record) {
      applied.add(value);
    }

    @Override
    public Comparator<String> orderWithinJob() {
      return order;
    }

    @Override
    public LogContext logContext(String value) {
      return LogContext.job(value.substring(0, 1));
    }
  }

  private static final class CountingTransactions implements PlatformTransactionManager {

    private int committed;

    @Override
    public TransactionStatus getTransaction(TransactionDefinition definition) {
      return new SimpleTransactionStatus();
    }

    @Override
    public void commit(TransactionStatus status) {
      committed++;
    }

    @Override
    public void rollback(TransactionStatus status) {}
  }
}
