package dev.punctual.api.outbox;

import org.jspecify.annotations.Nullable;

/**
 * A row of the outbox: the record to publish to the jobs topic.
 *
 * @param id position in the outbox; rows of one job are published in this order
 * @param jobId the record key
 * @param payload the record value (the definition's JSON), {@code null} for a tombstone
 */
record OutboxRow(long id, String jobId, byte @Nullable [] payload) {}
