/**
 * Job definitions as users write them: the {@link dev.punctual.model.job.JobDefinition} record, its
 * {@link dev.punctual.model.job.Target} (an HTTP call or a Kafka record), its {@link
 * dev.punctual.model.job.RetryPolicy}, and its {@link dev.punctual.model.job.JobStatus}. Every
 * record here checks its invariants when it is built (with {@code dev.punctual.model.validation}),
 * so an instance is always valid. {@link dev.punctual.model.job.Placeholders} defines the {@code
 * {{secret.NAME}}} references a target may hold (only the worker resolves them); {@link
 * dev.punctual.model.job.SensitiveHeaders} masks credential header values wherever headers are
 * shown.
 */
@NullMarked
package dev.punctual.model.job;

import org.jspecify.annotations.NullMarked;
