/**
 * Job definitions as users write them: the {@link dev.punctual.model.job.JobDefinition} record, its
 * {@link dev.punctual.model.job.Target} (an HTTP call or a Kafka record), its {@link
 * dev.punctual.model.job.RetryPolicy}, and its {@link dev.punctual.model.job.JobStatus}. Every
 * record here checks its invariants when it is built (with {@code dev.punctual.model.validation}),
 * so an instance is always valid.
 */
@NullMarked
package dev.punctual.model.job;

import org.jspecify.annotations.NullMarked;
