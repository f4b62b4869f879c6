package dev.punctual.model.json;

import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;

/**
 * A Kafka serde for one JSON event type, using {@link Json#MAPPER}. A {@code null} value (a
 * tombstone) stays {@code null}; unreadable bytes fail with a {@link SerializationException} whose
 * message says what is wrong.
 */
public final class JsonSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

  private final Class<T> type;

  public JsonSerde(Class<T> type) {
    this.type = type;
  }

  @Override
  public byte[] serialize(String topic, T data) {
    return data == null ? null : Json.toBytes(data);
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      return Json.fromBytes(data, type);
    } catch (JacksonException | IllegalArgumentException e) {
      throw new SerializationException(
          "cannot read a " + type.getSimpleName() + " from " + topic + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {}

  @Override
  public void close() {}

  @Override
  public Serializer<T> serializer() {
    return this;
  }

  @Override
  public Deserializer<T> deserializer() {
    return this;
  }
}
