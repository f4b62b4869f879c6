/**
 * The executor worker of Punctual: it consumes fire events from {@code scheduler.fires}, executes
 * each fire's target (an HTTP call or a record written to a Kafka topic) and publishes one {@code
 * ExecutionFinished} per attempt to {@code scheduler.results}, committing results, Kafka target
 * records and consumer offsets in one Kafka transaction.
 */
@NullMarked
package dev.punctual.worker;

import org.jspecify.annotations.NullMarked;
