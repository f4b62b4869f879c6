package dev.punctual.model.json;

import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.validation.InvalidJobDefinitionException;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serde of the jobs topic's values. Reading goes through {@link JobDefinitionCodec}, so an
 * invalid definition fails with the same field errors the REST API gives. A {@code null} value (a
 * tombstone: the job is deleted) stays {@code null}.
 */
public final class JobDefinitionSerde
    implements Serde<JobDefinition>, Serializer<JobDefinition>, Deserializer<JobDefinition> {

  @Override
  public byte[] serialize(String topic, JobDefinition data) {
    return data == null ? null : JobDefinitionCodec.toBytes(data);
  }

  @Override
  public JobDefinition deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      return JobDefinitionCodec.parse(data, null);
    } catch (InvalidJobDefinitionException e) {
      throw new SerializationException("invalid job definition: " + e.getMessage(), e);
    }
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {}

  @Override
  public void close() {}

  @Override
  public Serializer<JobDefinition> serializer() {
    return this;
  }

  @Override
  public Deserializer<JobDefinition> deserializer() {
    return this;
  }
}
