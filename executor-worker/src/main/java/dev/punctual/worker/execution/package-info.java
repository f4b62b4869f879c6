/**
 * The execution loop: {@link dev.punctual.worker.execution.ConsumeFires} polls fire events, runs
 * each on a virtual thread (at most {@code max-concurrent-executions} at once), applies
 * backpressure by pausing partitions, and commits every output record together with the consumer
 * offsets in one Kafka transaction, only for the contiguous completed prefix of each partition. A
 * crash therefore re-executes uncommitted fires (at least once) while a Kafka target's record is
 * seen exactly once by a {@code read_committed} consumer. A fire whose own record the broker
 * refuses is reported {@code FAILED} instead of failing every transaction; partitions that move to
 * another worker get a short wait for their running fires; {@link
 * dev.punctual.worker.execution.LoopStatus} tells health checks where the loop is.
 */
@NullMarked
package dev.punctual.worker.execution;

import org.jspecify.annotations.NullMarked;
