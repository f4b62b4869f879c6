/**
 * Events on the Kafka topics: {@link dev.punctual.model.event.JobFired} (one per fire attempt,
 * written by the scheduler), {@link dev.punctual.model.event.ExecutionFinished} (one per attempt,
 * written by a worker), {@link dev.punctual.model.event.JobCommand} (requests such as "trigger
 * now"), and the header names of dead-letter records and of records written by Kafka targets.
 */
@NullMarked
package dev.punctual.model.event;

import org.jspecify.annotations.NullMarked;
