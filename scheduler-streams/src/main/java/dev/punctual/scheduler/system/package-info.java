/**
 * Running the scheduler: its configuration ({@link
 * dev.punctual.scheduler.system.SchedulerProperties}, bound to {@code punctual.scheduler}), the
 * Kafka Streams configuration derived from it, the lifecycle that starts and stops Kafka Streams
 * with the Spring context, and the health indicator that reports the Kafka Streams state.
 */
@NullMarked
package dev.punctual.scheduler.system;

import org.jspecify.annotations.NullMarked;
