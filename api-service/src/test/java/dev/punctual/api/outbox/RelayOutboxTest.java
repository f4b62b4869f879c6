package dev.punctual.api.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.punctual.api.ApiProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/** The relay's contract with Kafka, without servers: nothing is deleted before it is acked. */
class RelayOutboxTest {

  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final FlakyProducer producer = new FlakyProducer();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final RelayOutbox relay =
      new RelayOutbox(
          outbox,
          new TransactionTemplate(new NoTransactions()),
          () -> producer,
          ApiProperties.defaults(),
          meters);

  @Test
  void publishesTheOldestRowOfEachJobPerRoundAndDeletesThem() {
    outbox.add("a", "a1");
    outbox.add("b", null);
    outbox.add("a", "a2");

    assertThat(relay.relayBucket(0)).isEqualTo(2);
    assertThat(outbox.rows).extracting(OutboxRow::jobId).containsExactly("a");
    assertThat(relay.relayBucket(0)).isEqualTo(1);

    assertThat(published()).containsExactly("a=a1", "b=null", "a=a2");
    assertThat(producer.history().getFirst().topic()).isEqualTo("scheduler.jobs");
    assertThat(outbox.rows).isEmpty();
    assertThat(meters.get("punctual.api.outbox.published").counter().count()).isEqualTo(3);
  }

  @Test
  void commandsGoToTheCommandsTopicInOrderWithDefinitionsAndEveryRecordIsMarkedAsTheApis() {
    outbox.add("a", "a1");
    outbox.addCommand("a", "trigger");

    relay.relayBucket(0);
    relay.relayBucket(0);

    assertThat(producer.history())
        .extracting(ProducerRecord::topic)
        .containsExactly("scheduler.jobs", "scheduler.commands");
    assertThat(producer.history())
        .allSatisfy(
            record -> assertThat(Outbox.publishedByApi(record.headers())).as("origin").isTrue());
  }

  @Test
  void aRowsTraceContextBecomesTheRecordsTraceHeadersAndARowWithoutOneGetsNone() {
    var traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    outbox.append(
        RecordKind.JOB,
        "traced",
        "t1".getBytes(StandardCharsets.UTF_8),
        new TraceContext(traceparent, "vendor=a"),
        Instant.EPOCH);
    outbox.add("untraced", "u1");

    relay.relayBucket(0);

    var traced = producer.history().get(0).headers();
    assertThat(new String(traced.lastHeader("traceparent").value(), StandardCharsets.UTF_8))
        .isEqualTo(traceparent);
    assertThat(new String(traced.lastHeader("tracestate").value(), StandardCharsets.UTF_8))
        .isEqualTo("vendor=a");
    var untraced = producer.history().get(1).headers();
    assertThat(untraced.lastHeader("traceparent")).isNull();
    assertThat(untraced.lastHeader("tracestate")).isNull();
  }

  @Test
  void aRecordKafkaDidNotAcknowledgeIsSentAgainFirstAndTheAcknowledgedOnesAreNot() {
    outbox.add("a", "a1");
    outbox.add("b", "b1");
    outbox.add("a", "a2");
    outbox.add("b", "b2");
    producer.failSend(2);

    assertThatThrownBy(() -> relay.relayBucket(0))
        .isInstanceOf(RelayOutbox.OutboxNotPublishedException.class);
    assertThat(outbox.rows)
        .extracting(OutboxRow::payload)
        .extracting(RelayOutboxTest::text)
        .containsExactly("b1", "a2", "b2");
    assertThat(meters.get("punctual.api.outbox.published").counter().count()).isEqualTo(1);

    while (!outbox.rows.isEmpty()) {
      relay.relayBucket(0);
    }

    // Each job's records in order, none twice, none missing.
    assertThat(published()).containsExactly("a=a1", "b=b1", "a=a2", "b=b2");
  }

  @Test
  void aJobsNextRowWaitsUntilKafkaAcknowledgedThePreviousOne() {
    outbox.add("a", "a1");
    outbox.add("a", "a2");
    producer.failSend(1);

    assertThatThrownBy(() -> relay.relayBucket(0))
        .isInstanceOf(RelayOutbox.OutboxNotPublishedException.class);

    // a2 was not sent while a1 was in doubt, so it cannot overtake a1.
    assertThat(published()).isEmpty();
    assertThat(outbox.rows).hasSize(2);
    relay.relayBucket(0);
    relay.relayBucket(0);
    assertThat(published()).containsExactly("a=a1", "a=a2");
  }

  @Test
  void aSendThatThrowsKeepsEveryRow() {
    outbox.add("a", "a1");
    producer.sendException = new TimeoutException("no broker within max.block.ms");

    assertThatThrownBy(() -> relay.relayBucket(0))
        .isInstanceOf(RelayOutbox.OutboxNotPublishedException.class)
        .hasCauseInstanceOf(TimeoutException.class);
    assertThat(outbox.rows).hasSize(1);

    producer.sendException = null;
    assertThat(relay.relayBucket(0)).isEqualTo(1);
    assertThat(outbox.rows).isEmpty();
  }

  @Test
  void rowsAfterASendThatThrewWereNotSentAndStay() {
    outbox.add("a", "a1");
    outbox.add("b", "b1");
    producer.throwOnSend(2, new TimeoutException("no metadata within max.block.ms"));

    assertThatThrownBy(() -> relay.relayBucket(0))
        .isInstanceOf(RelayOutbox.OutboxNotPublishedException.class);

    assertThat(outbox.rows).extracting(OutboxRow::jobId).containsExactly("b");
    assertThat(published()).containsExactly("a=a1");
  }

  @Test
  void aBucketLockedByAnotherInstanceIsLeftAlone() {
    outbox.add("a", "a1");
    outbox.locked = true;

    assertThat(relay.relayBucket(0)).isZero();

    assertThat(producer.history()).isEmpty();
    assertThat(outbox.rows).hasSize(1);
  }

  private List<String> published() {
    return producer.history().stream().map(r -> r.key() + "=" + text(r.value())).toList();
  }

  private static @Nullable String text(byte @Nullable [] value) {
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }

  /** The outbox table in memory, one bucket. */
  static final class InMemoryOutbox extends OutboxRepository {
    final List<OutboxRow> rows = new ArrayList<>();
    boolean locked;
    private long nextId = 1;

    InMemoryOutbox() {
      super(JdbcClient.create(new JdbcTemplate()));
    }

    void add(String jobId, @Nullable String value) {
      rows.add(
          OutboxRow.job(
              nextId++, jobId, value == null ? null : value.getBytes(StandardCharsets.UTF_8)));
    }

    void addCommand(String jobId, String value) {
      append(
          RecordKind.COMMAND,
          jobId,
          value.getBytes(StandardCharsets.UTF_8),
          TraceContext.NONE,
          Instant.EPOCH);
    }

    @Override
    void append(
        RecordKind kind, String jobId, byte @Nullable [] payload, TraceContext trace, Instant now) {
      rows.add(new OutboxRow(nextId++, kind, jobId, payload, trace));
    }

    @Override
    List<Integer> bucketsWithBacklog() {
      return rows.isEmpty() ? List.of() : List.of(0);
    }

    @Override
    boolean tryLockBucket(int bucket) {
      return !locked;
    }

    @Override
    List<OutboxRow> oldestOfEachJob(int bucket, int limit) {
      var seen = new java.util.HashSet<String>();
      return rows.stream().filter(row -> seen.add(row.jobId())).limit(limit).toList();
    }

    @Override
    void delete(List<OutboxRow> deleted) {
      rows.removeAll(deleted);
    }

    @Override
    long backlog() {
      return rows.size();
    }
  }

  /** A producer whose n-th send is not acknowledged, as when a broker times out. */
  static final class FlakyProducer extends MockProducer<String, byte[]> {
    private int sends;
    private int failing = -1;
    private int throwing = -1;
    private RuntimeException thrown;

    FlakyProducer() {
      super(true, null, new StringSerializer(), new ByteArraySerializer());
    }

    void failSend(int n) {
      failing = sends + n;
    }

    /** The n-th send from now throws, as when the producer cannot get metadata in time. */
    void throwOnSend(int n, RuntimeException exception) {
      throwing = sends + n;
      thrown = exception;
    }

    @Override
    public synchronized Future<RecordMetadata> send(
        ProducerRecord<String, byte[]> record, Callback callback) {
      if (sends + 1 == throwing) {
        sends++;
        throw thrown;
      }
      if (++sends == failing) {
        return CompletableFuture.failedFuture(new TimeoutException("not acknowledged in time"));
      }
      return super.send(record, callback);
    }
  }

  /** Transactions are the repository's business; here there is nothing to roll back. */
  static final class NoTransactions implements PlatformTransactionManager {
    @Override
    public TransactionStatus getTransaction(@Nullable TransactionDefinition definition) {
      return new SimpleTransactionStatus();
    }

    @Override
    public void commit(TransactionStatus status) {}

    @Override
    public void rollback(TransactionStatus status) {}
  }
}
