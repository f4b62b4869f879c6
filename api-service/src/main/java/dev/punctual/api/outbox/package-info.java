/**
 * The transactional outbox: a write to the {@code jobs} table appends the definition (or a
 * tombstone, or a command such as {@code TRIGGER}) to the {@code outbox} table in the same
 * transaction ({@link dev.punctual.api.outbox.Outbox}), and {@link
 * dev.punctual.api.outbox.RelayOutbox} publishes those rows with an idempotent producer, deleting
 * them once Kafka acknowledged them. Rows are spread over a fixed number of buckets by job id; an
 * instance of the API relays a bucket only while it holds that bucket's advisory lock, and
 * publishes one row per job per round, so several instances share the work and one job's records
 * reach Kafka in order, without gaps, also across failures.
 */
@NullMarked
package dev.punctual.api.outbox;

import org.jspecify.annotations.NullMarked;
