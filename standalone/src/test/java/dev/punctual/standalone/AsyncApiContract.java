package dev.punctual.standalone;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.punctual.api.asyncapi.AsyncApiDocument;
import dev.punctual.model.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The AsyncAPI document of the repository ({@link AsyncApiDocument}) as a checker of real records:
 * a record matches its topic's channel when one of the channel's messages accepts its value
 * (payload schema), its headers (header schema, each header as its UTF-8 text) and its key (the
 * Kafka binding's key schema). Schemas are JSON Schema draft-07, which AsyncAPI 3's default schema
 * format extends; the networknt validator checks them.
 */
final class AsyncApiContract {

  private static final String DRAFT_07 = "http://json-schema.org/draft-07/schema#";

  private final ObjectNode document;
  private final SchemaRegistry registry =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
  private final Map<String, Schema> schemas = new HashMap<>();

  AsyncApiContract(ObjectNode document) {
    this.document = document;
  }

  /** The channel whose address is {@code topic}, as its JSON pointer ({@code /channels/x}). */
  Optional<String> channel(String topic) {
    var channels = document.get("channels");
    for (var name : channels.propertyNames()) {
      if (topic.equals(channels.get(name).get("address").asString())) {
        return Optional.of("/channels/" + name);
      }
    }
    return Optional.empty();
  }

  /**
   * Why {@code record} matches none of its channel's messages, one list of problems per message;
   * empty when it matches one.
   */
  List<String> problems(ConsumerRecord<String, byte[]> record) {
    var channel = channel(record.topic());
    if (channel.isEmpty()) {
      return List.of("no channel has the address " + record.topic());
    }
    var problems = new ArrayList<String>();
    for (var reference : document.at(channel.get() + "/messages")) {
      var message = pointer(reference);
      var found = problems(record, message);
      if (found.isEmpty()) {
        return List.of();
      }
      problems.add(message + ": " + found);
    }
    return problems;
  }

  private List<String> problems(ConsumerRecord<String, byte[]> record, String message) {
    var problems = new ArrayList<String>();
    var node = document.at(message);
    check(message + "/payload", value(record, node), "value", problems);
    if (node.has("headers")) {
      check(message + "/headers", headers(record), "headers", problems);
    }
    var key = record.key() == null ? JsonNodeFactory.instance.nullNode() : text(record.key());
    check(message + "/bindings/kafka/key", key, "key", problems);
    return problems;
  }

  private void check(String pointer, JsonNode instance, String part, List<String> problems) {
    schema(pointer).validate(instance).forEach(error -> problems.add(part + " " + error));
  }

  /** The value as JSON for a JSON message, else as its text (a dead letter's bytes). */
  private static JsonNode value(ConsumerRecord<String, byte[]> record, JsonNode message) {
    if (record.value() == null) {
      return JsonNodeFactory.instance.nullNode();
    }
    var contentType = message.path("contentType").asString("application/json");
    var text = new String(record.value(), StandardCharsets.UTF_8);
    if (!contentType.equals("application/json")) {
      return text(text);
    }
    try {
      return Json.MAPPER.readTree(text);
    } catch (JacksonException e) {
      return text("not JSON: " + text);
    }
  }

  /** Each header as its UTF-8 text; a name written twice is an array, which no schema allows. */
  private static ObjectNode headers(ConsumerRecord<String, byte[]> record) {
    var headers = JsonNodeFactory.instance.objectNode();
    for (var header : record.headers()) {
      var value = header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
      if (headers.has(header.key())) {
        headers.putArray(header.key() + " (written more than once)").add(value);
      } else {
        headers.put(header.key(), value);
      }
    }
    return headers;
  }

  /**
   * The schema at {@code pointer} of the document: a draft-07 schema that refers to it and holds
   * the document's components, so the {@code #/components/...} references inside resolve.
   */
  private Schema schema(String pointer) {
    return schemas.computeIfAbsent(
        pointer,
        p -> {
          var root = JsonNodeFactory.instance.objectNode();
          root.put("$schema", DRAFT_07);
          root.put("$ref", "#" + p);
          root.set("components", document.get("components"));
          root.set("channels", document.get("channels"));
          return registry.getSchema(Json.toText(root));
        });
  }

  private static String pointer(JsonNode reference) {
    return reference.get("$ref").asString().substring(1);
  }

  private static JsonNode text(String text) {
    return JsonNodeFactory.instance.stringNode(text);
  }
}
