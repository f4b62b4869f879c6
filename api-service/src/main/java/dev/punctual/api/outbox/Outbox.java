package dev.punctual.api.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends records for Kafka to the outbox, inside the caller's transaction (there must be one: a
 * row written outside the transaction that changes the job would break the guarantee).
 *
 * <p>Per-job order: the caller must change or lock the job's row in {@code jobs} <em>before</em>
 * appending, so that concurrent writes of one job are serialised by the row lock and their outbox
 * rows get ids in commit order.
 *
 * <p>Every record the relay publishes carries the header {@value #ORIGIN_HEADER}: {@value #ORIGIN},
 * by which the projection of the jobs topic recognises the API's own records (already applied to
 * the database) among those other producers wrote.
 *
 * <p>A row also keeps the W3C trace context of the request that wrote it ({@link TraceContext}):
 * the relay puts it on the record as the headers {@code traceparent} and {@code tracestate}.
 *
 * <p>When a transaction that appended rows commits, this instance's {@link RelayOutbox} is nudged,
 * so that the rows are published at once rather than at its next poll. Another instance's relay
 * finds them at its next poll ({@code punctual.api.outbox-poll-interval}); as every instance relays
 * what it wrote itself at once, that poll is only the fallback for rows a failed or stopped
 * instance left behind.
 */
@Component
public class Outbox {

  /** The header that marks a record as published by the API's outbox. */
  public static final String ORIGIN_HEADER = "punctual-origin";

  /** The value of {@link #ORIGIN_HEADER} on the API's records. */
  public static final String ORIGIN = "punctual-api";

  private final OutboxRepository repository;
  private final Clock clock;
  private final ObjectProvider<RelayOutbox> relays;

  Outbox(OutboxRepository repository, Clock clock, ObjectProvider<RelayOutbox> relays) {
    this.repository = repository;
    this.clock = clock;
    this.relays = relays;
  }

  /** Whether a record carries the API's origin header. */
  public static boolean publishedByApi(org.apache.kafka.common.header.Headers headers) {
    var header = headers.lastHeader(ORIGIN_HEADER);
    return header != null
        && header.value() != null
        && ORIGIN.equals(new String(header.value(), StandardCharsets.UTF_8));
  }

  /**
   * Appends a record for the jobs topic.
   *
   * @param jobId the record key
   * @param definition the definition's JSON as {@link
   *     dev.punctual.model.json.JobDefinitionCodec#toBytes} writes it; {@code null} for a tombstone
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void append(String jobId, byte @Nullable [] definition) {
    repository.append(RecordKind.JOB, jobId, definition, TraceContext.current(), clock.instant());
    nudgeRelayOnCommit();
  }

  /**
   * A record for the jobs topic.
   *
   * @param jobId the record key
   * @param definition as for {@link #append}; {@code null} for a tombstone
   */
  public record JobRecord(String jobId, byte @Nullable [] definition) {}

  /**
   * Appends records for the jobs topic in this order, as {@link #append} one after another, in one
   * statement.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void appendAll(List<JobRecord> records) {
    if (!records.isEmpty()) {
      repository.appendAll(RecordKind.JOB, records, TraceContext.current(), clock.instant());
      nudgeRelayOnCommit();
    }
  }

  /**
   * Appends a record for the commands topic.
   *
   * @param jobId the record key
   * @param command the command's JSON
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void appendCommand(String jobId, byte[] command) {
    repository.append(RecordKind.COMMAND, jobId, command, TraceContext.current(), clock.instant());
    nudgeRelayOnCommit();
  }

  /** Nudges the relay once the current transaction commits; once per transaction. */
  private void nudgeRelayOnCommit() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return; // the relay's poll finds the rows
    }
    if (TransactionSynchronizationManager.getSynchronizations().stream()
        .noneMatch(NudgeRelay.class::isInstance)) {
      TransactionSynchronizationManager.registerSynchronization(new NudgeRelay());
    }
  }

  private final class NudgeRelay implements TransactionSynchronization {
    @Override
    public void afterCommit() {
      relays.ifAvailable(RelayOutbox::nudge);
    }
  }

  /** Whether records of the job wait in the outbox (written, not yet acknowledged by Kafka). */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean hasPending(String jobId) {
    return repository.hasPending(jobId);
  }
}
