package dev.punctual.api.system;

import dev.punctual.model.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Request bodies made from valid ones by one or two mutations: a value replaced by an {@linkplain
 * OddValues#json odd value} (wrong type, huge number, odd unicode, NUL, deep nesting), a field
 * removed, a field added, or the text itself broken (truncated, a character inserted or dropped,
 * random bytes).
 */
final class MutatedBodies {

  /** Stands in the tree for a raw JSON value spliced into the text after writing it. */
  private static final String SLOT = "@@odd@@";

  private static final List<String> FIELD_NAMES =
      List.of(
          "id",
          "name",
          "schedule",
          "cron",
          "every",
          "at",
          "timeZone",
          "target",
          "type",
          "url",
          "method",
          "headers",
          "body",
          "timeout",
          "topic",
          "key",
          "payload",
          "parameters",
          "retry",
          "maxAttempts",
          "labels",
          "paused",
          "namespace",
          "jitter",
          "maxRuns",
          "version",
          "status",
          "scopes",
          "from",
          "to",
          "jobs",
          "",
          "__proto__",
          "😀");

  private final OddValues odd;

  MutatedBodies(OddValues odd) {
    this.odd = odd;
  }

  /** {@code valid} mutated once or twice; now and then the valid body itself. */
  byte[] mutate(String valid) {
    if (odd.chance(5)) {
      return valid.getBytes(StandardCharsets.UTF_8);
    }
    var text = valid;
    int mutations = odd.chance(70) ? 1 : 2;
    for (int i = 0; i < mutations; i++) {
      text = odd.chance(75) ? mutateTree(text) : mutateText(text);
    }
    if (odd.chance(3)) {
      return randomBytes();
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private String mutateTree(String text) {
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(text);
    } catch (RuntimeException notJsonAnyMore) {
      return mutateText(text);
    }
    var containers = new ArrayList<JsonNode>();
    collectContainers(tree, containers);
    if (containers.isEmpty()) {
      return odd.json();
    }
    var container = odd.pick(containers);
    String raw = null;
    if (container instanceof ObjectNode object) {
      var names = new ArrayList<>(object.propertyNames());
      switch (odd.chance(50) || names.isEmpty() ? 0 : odd.between(1, 2)) {
        case 0 -> {
          raw = odd.json();
          object.put(
              names.isEmpty() || odd.chance(30) ? odd.pick(FIELD_NAMES) : odd.pick(names), SLOT);
        }
        case 1 -> object.remove(odd.pick(names));
        default -> {
          raw = odd.json();
          object.put(odd.pick(FIELD_NAMES) + (odd.chance(50) ? "" : "x"), SLOT);
        }
      }
    } else if (container instanceof ArrayNode array) {
      raw = odd.json();
      if (array.isEmpty() || odd.chance(50)) {
        array.add(SLOT);
      } else {
        array.set(odd.between(0, array.size() - 1), SLOT);
      }
    }
    var written = Json.MAPPER.writeValueAsString(tree);
    return raw == null ? written : written.replace("\"" + SLOT + "\"", raw);
  }

  private static void collectContainers(JsonNode node, List<JsonNode> into) {
    if (node.isContainer()) {
      into.add(node);
      for (var child : node) {
        collectContainers(child, into);
      }
    }
  }

  private String mutateText(String text) {
    if (text.isEmpty()) {
      return odd.json();
    }
    int at = odd.between(0, text.length() - 1);
    return switch (odd.between(0, 5)) {
      case 0 -> text.substring(0, at);
      case 1 ->
          text.substring(0, at)
              + odd.pick(List.of("{", "}", "[", "\"", ",", ":", "\\", "\u0000", "é"))
              + text.substring(at);
      case 2 -> text.substring(0, at) + text.substring(at + 1);
      case 3 -> "[" + text + "]";
      case 4 -> text.replaceFirst("\\{", "{\"id\":\"dup\",");
      default -> text + text;
    };
  }

  private byte[] randomBytes() {
    var bytes = new byte[odd.between(0, 200)];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) odd.between(0, 255);
    }
    return bytes;
  }
}
