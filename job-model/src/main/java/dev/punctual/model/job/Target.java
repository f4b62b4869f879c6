package dev.punctual.model.job;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What a fire executes: an HTTP call ({@code "type": "http"}) or a record published to a Kafka
 * topic ({@code "type": "kafka"}).
 */
@JsonTypeInfo(
    use = JsonTypeInfo.Id.NAME,
    include = JsonTypeInfo.As.EXISTING_PROPERTY,
    property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = HttpTarget.class, name = HttpTarget.TYPE),
  @JsonSubTypes.Type(value = KafkaTarget.class, name = KafkaTarget.TYPE)
})
public sealed interface Target permits HttpTarget, KafkaTarget {

  /** The {@code type} discriminator written in JSON and used as a metric tag. */
  String type();
}
