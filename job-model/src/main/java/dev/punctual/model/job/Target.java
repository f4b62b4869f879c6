package dev.punctual.model.job;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Arrays;
import java.util.List;

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

  /**
   * The {@code type} discriminator of a kind of target, e.g. {@code "http"} for {@link HttpTarget}:
   * the name {@link JsonSubTypes} above gives it, so what is documented is what is read. With
   * {@link Class#getPermittedSubclasses()} it lists every kind of target without a second list of
   * names.
   *
   * @throws IllegalArgumentException when {@code kind} has no name there, which indicates a bug
   */
  static String typeName(Class<? extends Target> kind) {
    for (var subtype : Target.class.getAnnotation(JsonSubTypes.class).value()) {
      if (subtype.value() == kind) {
        return subtype.name();
      }
    }
    throw new IllegalArgumentException(
        kind.getName() + " is not named in Target's @JsonSubTypes; this indicates a bug");
  }

  /** The {@code type} names of every kind of target, in the order the sealed interface permits. */
  static List<String> typeNames() {
    return Arrays.stream(Target.class.getPermittedSubclasses())
        .map(kind -> typeName(kind.asSubclass(Target.class)))
        .toList();
  }
}
