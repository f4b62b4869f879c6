package dev.punctual.api.outbox;

import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends records for the jobs topic to the outbox, inside the caller's transaction (there must be
 * one: a row written outside the transaction that changes the job would break the guarantee).
 *
 * <p>Per-job order: the caller must change the job's row in {@code jobs} <em>before</em> appending,
 * so that concurrent writes of one job are serialised by the row lock and their outbox rows get ids
 * in commit order.
 */
@Component
public class Outbox {

  private final OutboxStore store;
  private final Clock clock;

  Outbox(OutboxStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Appends a record.
   *
   * @param jobId the record key
   * @param definition the definition's JSON as {@link
   *     dev.punctual.model.json.JobDefinitionCodec#toBytes} writes it; {@code null} for a tombstone
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void append(String jobId, byte @Nullable [] definition) {
    store.append(jobId, definition, clock.instant());
  }
}
