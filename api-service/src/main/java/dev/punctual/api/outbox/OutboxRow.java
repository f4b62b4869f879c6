package dev.punctual.api.outbox;

import org.jspecify.annotations.Nullable;

/**
 * A row of the outbox: one record to publish.
 *
 * @param id position in the outbox; rows of one job are published in this order
 * @param kind the topic it is for
 * @param jobId the record key
 * @param payload the record value (a definition's or command's JSON); {@code null} for a tombstone
 * @param trace the trace context of the request that wrote the row, for the record's headers
 */
record OutboxRow(
    long id, RecordKind kind, String jobId, byte @Nullable [] payload, TraceContext trace) {

  /** A row for the jobs topic, for tests. */
  static OutboxRow job(long id, String jobId, byte @Nullable [] payload) {
    return new OutboxRow(id, RecordKind.JOB, jobId, payload, TraceContext.NONE);
  }
}
