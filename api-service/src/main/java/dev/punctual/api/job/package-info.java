/**
 * The REST resource of job definitions ({@code /jobs}): definitions are read with the shared {@link
 * dev.punctual.model.json.JobDefinitionCodec}, stored in PostgreSQL together with an outbox row in
 * one transaction, and answered with the read-only fields the API adds ({@code status}, {@code
 * nextRunAt}, {@code lastRunAt}, {@code lastRunStatus}, {@code version}, {@code createdAt}, {@code
 * updatedAt}).
 */
@NullMarked
package dev.punctual.api.job;

import org.jspecify.annotations.NullMarked;
