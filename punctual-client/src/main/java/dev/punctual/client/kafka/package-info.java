/**
 * Punctual straight through Kafka, without the REST API: {@link
 * dev.punctual.client.kafka.JobsTopicProducer} writes definitions (and tombstones) onto the jobs
 * topic with job-model's serde, and {@link dev.punctual.client.kafka.EventConsumer} reads fires,
 * results and missed occurrences as job-model's event records, only from committed transactions.
 * Topic names and serdes come from {@link dev.punctual.model.topic.Topics}, the same ones the
 * services use.
 */
@NullMarked
package dev.punctual.client.kafka;

import org.jspecify.annotations.NullMarked;
