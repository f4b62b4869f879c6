/**
 * Job definitions as users write them: the {@link dev.punctual.model.job.JobDefinition} record, its
 * {@link dev.punctual.model.job.Target} (an HTTP call or a Kafka record), its {@link
 * dev.punctual.model.job.RetryPolicy}, and the field-level validation errors that the REST API
 * answers with and the scheduler writes into dead-letter records. Every record here checks its
 * invariants when it is built, so an instance is always valid. {@link
 * dev.punctual.model.job.Placeholders} defines the {@code {{secret.NAME}}} references a target may
 * hold (only the worker resolves them); {@link dev.punctual.model.job.SensitiveHeaders} masks
 * credential header values wherever headers are shown.
 */
@NullMarked
package dev.punctual.model.job;

import org.jspecify.annotations.NullMarked;
