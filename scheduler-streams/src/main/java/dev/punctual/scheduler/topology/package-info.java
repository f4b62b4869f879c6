/**
 * The Kafka Streams topology of the scheduler, built by {@link
 * dev.punctual.scheduler.topology.SchedulerTopology#build} apart from any configuration, so that
 * tests run the very same topology in a {@code TopologyTestDriver}. Three co-partitioned sources
 * (jobs, commands, results) feed small processors that share the timer stores; a wall-clock
 * punctuation fires what is due. Every input record is read from raw bytes, so that one that cannot
 * be read or is invalid goes to the dead-letter topic unchanged, with the reason, and the stream
 * keeps running. {@link dev.punctual.scheduler.topology.SchedulerMetrics} holds the scheduler's
 * meters.
 */
@NullMarked
package dev.punctual.scheduler.topology;

import org.jspecify.annotations.NullMarked;
