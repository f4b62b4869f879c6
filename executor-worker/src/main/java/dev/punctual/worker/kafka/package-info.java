/**
 * Kafka targets: refuses topics a target must not write to ({@link
 * dev.punctual.worker.kafka.TopicRules}: reserved topics, and those {@code
 * punctual.worker.allowed-topics} does not allow), builds the record a fire writes (key, headers,
 * payload encoding) and checks that its topic exists before the record joins the worker's
 * transaction, so that a missing topic gives a failed result instead of a transaction that can
 * never commit.
 */
@NullMarked
package dev.punctual.worker.kafka;

import org.jspecify.annotations.NullMarked;
