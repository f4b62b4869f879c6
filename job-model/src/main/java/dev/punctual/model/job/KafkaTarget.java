package dev.punctual.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.punctual.model.validation.Violations;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * A record published to a Kafka topic, exactly once per fire for a {@code read_committed} consumer.
 *
 * <p>The key, the header values and a string payload may hold {@code {{secret.NAME}}} references,
 * which the worker resolves when it executes a fire ({@link Placeholders}). The topic may not be a
 * reserved one ({@code dev.punctual.model.topic.ReservedTopics}), which depends on the
 * installation's topic prefix and so is checked where that is known.
 *
 * @param topic the topic to write to
 * @param key the record key as UTF-8 text; none when absent
 * @param headers record headers as UTF-8 text; Punctual adds {@code punctual-fire-id}, {@code
 *     punctual-job-id} and {@code punctual-scheduled-at}
 * @param payload any JSON value: a string is written as its raw UTF-8 text, anything else as JSON;
 *     an absent or {@code null} payload writes a record with a {@code null} value
 */
@JsonPropertyOrder({"type", "topic", "key", "headers", "payload"})
public record KafkaTarget(
    String topic, @Nullable String key, Map<String, String> headers, JsonNode payload)
    implements Target {

  public static final String TYPE = "kafka";

  /** Kafka's own rule for topic names. */
  private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  public KafkaTarget {
    headers = headers == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(headers));
    payload = payload == null ? NullNode.getInstance() : payload;
    var violations = new Violations();
    if (topic == null || topic.isBlank()) {
      violations.add("topic", "is required");
    } else {
      violations.check(
          TOPIC_NAME.matcher(topic).matches() && !topic.equals(".") && !topic.equals(".."),
          "topic",
          "'"
              + topic
              + "' is not a valid Kafka topic name (letters, digits, '.', '_', '-'; at"
              + " most 249)");
    }
    headers.forEach(
        (name, value) -> {
          violations.check(value != null, "headers." + name, "header values must be strings");
          Placeholders.checkSecretNames(value, "headers." + name, violations);
        });
    Placeholders.checkSecretNames(key, "key", violations);
    if (payload.isString()) {
      Placeholders.checkSecretNames(payload.stringValue(), "payload", violations);
    }
    violations.throwIfAny();
  }

  /** A record with the given JSON payload and no key or headers. */
  public static KafkaTarget of(String topic, JsonNode payload) {
    return new KafkaTarget(topic, null, Map.of(), payload);
  }

  @Override
  @JsonProperty("type")
  public String type() {
    return TYPE;
  }
}
