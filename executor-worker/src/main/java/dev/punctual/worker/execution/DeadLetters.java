package dev.punctual.worker.execution;

import dev.punctual.model.event.RecordHeaders;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * Dead-letter records for fire events that cannot be read: the original key, value and headers,
 * plus {@code punctual-error} (why, for a person to act on) and {@code punctual-source-topic},
 * {@code -partition}, {@code -offset}.
 */
final class DeadLetters {

  /** A fully qualified class name, such as {@code dev.punctual.model.job.HttpTarget}. */
  private static final Pattern QUALIFIED_CLASS =
      Pattern.compile("`?\\b(?:[a-z_][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_$]*)`?");

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
    var jackson = find(failure, JacksonException.class);
    var invalid = find(failure, IllegalArgumentException.class);
    var missing = find(failure, NullPointerException.class);
    var path = jackson == null ? "" : path(jackson);
    String message;
    if (invalid != null && invalid.getMessage() != null) {
      message = invalid.getMessage();
    } else if (missing != null && missing.getMessage() != null) {
      // The events' constructors check required fields with Objects.requireNonNull(value, name).
      message = missing.getMessage() + " is required";
    } else if (jackson != null) {
      message = jackson.getOriginalMessage();
    } else {
      message = failure.getMessage();
    }
    message = message == null ? "unreadable" : QUALIFIED_CLASS.matcher(message).replaceAll("$1");
    return "not a valid fire event: " + (path.isEmpty() ? "" : "at " + path + ": ") + message;
  }

  private static String path(JacksonException failure) {
    return failure.getPath().stream()
        .map(
            ref ->
                ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  private static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
