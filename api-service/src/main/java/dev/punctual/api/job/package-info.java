/**
 * Jobs: the REST resource ({@code /jobs}, its actions and batch), the writes and reads behind it,
 * and the {@code jobs} table ({@link dev.punctual.api.job.JobRepository}, one {@link
 * dev.punctual.api.job.JobRow} a job). A request body is read as a {@link
 * dev.punctual.api.job.JobRequestBody} with the shared {@link
 * dev.punctual.model.json.JobDefinitionCodec}, stored together with an outbox row in one
 * transaction, and answered as a {@link dev.punctual.api.job.JobResponseBody}: the definition with
 * the read-only fields the API adds ({@code status}, {@code nextRunAt}, {@code lastRunAt}, {@code
 * lastRunStatus}, {@code version}, {@code createdAt}, {@code updatedAt}). Its sub-packages keep the
 * jobs topic in step ({@code sync}) and remember idempotency keys ({@code idempotency}).
 */
@NullMarked
package dev.punctual.api.job;

import org.jspecify.annotations.NullMarked;
