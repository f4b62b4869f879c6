package dev.punctual.worker.execution;

import dev.punctual.model.event.RecordHeaders;
import dev.punctual.model.json.RecordProblems;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;

/**
 * Dead-letter records for fire events that cannot be read: the original key, value and headers,
 * plus {@code punctual-error} (why, for a person to act on) and {@code punctual-source-topic},
 * {@code -partition}, {@code -offset}.
 */
final class DeadLetters {

  /** A fully qualified class name, such as {@code dev.punctual.model.job.HttpTarget}. */
  private final String topic;

  /**
   * @param topic the dead-letter topic
   */
  DeadLetters(String topic) {
    this.topic = topic;
  }

  ProducerRecord<byte[], byte[]> of(ConsumerRecord<byte[], byte[]> source, String reason) {
    return of(source, reason, source.value());
  }

  /**
   * A dead letter without the original value, for a record whose full dead letter Kafka refused
   * (for example because it is larger than the dead-letter topic accepts).
   */
  ProducerRecord<byte[], byte[]> withoutValue(
      ConsumerRecord<byte[], byte[]> source, String reason, String refusal) {
    return of(source, reason + "; the original value was left out because " + refusal, null);
  }

  private ProducerRecord<byte[], byte[]> of(
      ConsumerRecord<byte[], byte[]> source, String reason, byte @Nullable [] value) {
    var headers = new org.apache.kafka.common.header.internals.RecordHeaders();
    source.headers().forEach(headers::add);
    headers
        .add(RecordHeaders.ERROR, utf8(reason))
        .add(RecordHeaders.SOURCE_TOPIC, utf8(source.topic()))
        .add(RecordHeaders.SOURCE_PARTITION, utf8(Integer.toString(source.partition())))
        .add(RecordHeaders.SOURCE_OFFSET, utf8(Long.toString(source.offset())));
    return new ProducerRecord<>(topic, null, null, source.key(), value, headers);
  }

  /**
   * Why a fire event could not be read, from the exception its deserializer threw: the failing
   * field's JSON path and what is wrong with it, without Java class names.
   */
  static String reason(RuntimeException failure) {
    return "not a valid fire event: " + RecordProblems.describe(failure);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
