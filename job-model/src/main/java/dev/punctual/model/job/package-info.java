/**
 * Job definitions as users write them: the {@link dev.punctual.model.job.JobDefinition} record, its
 * {@link dev.punctual.model.job.Target} (an HTTP call or a Kafka record), its {@link
 * dev.punctual.model.job.RetryPolicy}, and the field-level validation errors that the REST API
 * answers with and the scheduler writes into dead-letter records. Every record here checks its
 * invariants when it is built, so an instance is always valid.
 */
@NullMarked
package dev.punctual.model.job;

import org.jspecify.annotations.NullMarked;
