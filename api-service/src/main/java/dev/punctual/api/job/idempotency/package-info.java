/**
 * The {@code Idempotency-Key} header: which job a key of {@code POST /jobs} created, remembered in
 * PostgreSQL for {@code punctual.api.idempotency-key-retention} ({@link
 * dev.punctual.api.job.idempotency.IdempotencyKeys}) and purged in the background after it; the
 * same header names the request id of a trigger.
 */
@NullMarked
package dev.punctual.api.job.idempotency;

import org.jspecify.annotations.NullMarked;
