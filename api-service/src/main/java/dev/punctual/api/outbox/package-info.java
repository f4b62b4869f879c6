/**
 * The transactional outbox: a write to the {@code jobs} table appends the definition (or a
 * tombstone) to the {@code outbox} table in the same transaction ({@link
 * dev.punctual.api.outbox.Outbox}), and {@link dev.punctual.api.outbox.RelayOutbox} publishes those
 * rows to the jobs topic with an idempotent producer, in order per job, deleting them once Kafka
 * acknowledged them. Rows are spread over a fixed number of buckets by job id; an instance of the
 * API relays a bucket only while it holds that bucket's advisory lock, so several instances share
 * the work and never publish two rows of the same job concurrently.
 */
@NullMarked
package dev.punctual.api.outbox;

import org.jspecify.annotations.NullMarked;
