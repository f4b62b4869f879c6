/**
 * Jobs: the REST resource ({@code /jobs}, its actions and batch), their storage in PostgreSQL, and
 * their consistency with the jobs topic. Definitions are read with the shared {@link
 * dev.punctual.model.json.JobDefinitionCodec}, stored together with an outbox row in one
 * transaction, and answered with the read-only fields the API adds ({@code status}, {@code
 * nextRunAt}, {@code lastRunAt}, {@code lastRunStatus}, {@code version}, {@code createdAt}, {@code
 * updatedAt}). {@link dev.punctual.api.job.ProjectJobs} brings definitions other producers write to
 * the topic into PostgreSQL; {@link dev.punctual.api.job.Resync} rebuilds either side from the
 * other.
 */
@NullMarked
package dev.punctual.api.job;

import org.jspecify.annotations.NullMarked;
