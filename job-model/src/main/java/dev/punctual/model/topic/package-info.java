/**
 * The Kafka topics of Punctual as typed constants: each {@link dev.punctual.model.topic.Topic}
 * carries its name and the serdes of its keys and values, so producers and consumers cannot
 * disagree. {@link dev.punctual.model.topic.Topics} derives every name from one configurable prefix
 * ({@code scheduler.} by default). {@link dev.punctual.model.topic.ReservedTopics} says which
 * topics a Kafka target must never write to (that prefix, Kafka Streams and Kafka internal topics),
 * one rule for the API, the scheduler and the worker.
 */
@NullMarked
package dev.punctual.model.topic;

import org.jspecify.annotations.NullMarked;
