/**
 * Events on the Kafka topics: {@link dev.punctual.model.event.JobFired} (one per fire attempt,
 * written by the scheduler), {@link dev.punctual.model.event.ExecutionFinished} (one per attempt,
 * written by a worker), {@link dev.punctual.model.event.JobCommand} (requests such as "trigger
 * now"), {@link dev.punctual.model.event.MissedOccurrences}, the header names of dead-letter
 * records and of records written by Kafka targets ({@link dev.punctual.model.event.RecordHeaders}),
 * and the CloudEvents headers of fires, results and missed records ({@link
 * dev.punctual.model.event.CloudEventHeaders}).
 */
@NullMarked
package dev.punctual.model.event;

import org.jspecify.annotations.NullMarked;
