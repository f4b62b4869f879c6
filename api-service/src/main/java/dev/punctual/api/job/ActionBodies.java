package dev.punctual.api.job;

import dev.punctual.api.system.InvalidRequestException;
import dev.punctual.model.json.Json;
import dev.punctual.model.json.JsonSyntax;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The small request bodies of the actions on a job: the optional one of {@code trigger} and the one
 * of {@code backfill}. Read as a JSON tree and checked field by field, so every refusal is a 400
 * naming the field at fault (a record bound by Jackson would report its own exception's words and
 * accept what these refuse, such as unknown fields).
 */
final class ActionBodies {

  /** The earliest and latest instants a range may hold: years 1 to 9999, as people write them. */
  static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

  private ActionBodies() {}

  /** A backfill's range, [{@code from}, {@code to}). */
  record Range(Instant from, Instant to) {}

  /**
   * The parameters of a trigger body {@code {"parameters": {…}}}.
   *
   * @return the parameters for that fire only; {@code null} (the job's own) for no body, an empty
   *     object, or {@code "parameters": null}
   * @throws InvalidRequestException naming the field at fault
   */
  static @Nullable ObjectNode triggerParameters(byte @Nullable [] body) {
    var tree = object(body, true);
    if (tree == null) {
      return null;
    }
    onlyFields(tree, Set.of("parameters"));
    var parameters = tree.get("parameters");
    if (parameters == null || parameters.isNull()) {
      return null;
    }
    if (!parameters.isObject()) {
      throw new InvalidRequestException(
          "parameters", "must be a JSON object, was " + parameters.getNodeType());
    }
    return (ObjectNode) parameters;
  }

  /**
   * The range of a backfill body {@code {"from": "…", "to": "…"}}: ISO-8601 instants, {@code to}
   * after {@code from} (counted in milliseconds, as the command keeps them).
   *
   * @throws InvalidRequestException naming the field at fault
   */
  static Range backfillRange(byte @Nullable [] body) {
    var tree = object(body, false);
    if (tree == null) {
      throw new InvalidRequestException("body", "is required: {\"from\": …, \"to\": …}");
    }
    onlyFields(tree, Set.of("from", "to"));
    var from = instant(tree, "from");
    var to = instant(tree, "to");
    if (to.toEpochMilli() <= from.toEpochMilli()) {
      throw new InvalidRequestException(
          "to", "must be after from (" + from + "), was " + to + "; the range is [from, to)");
    }
    return new Range(from, to);
  }

  private static @Nullable ObjectNode object(byte @Nullable [] body, boolean emptyIsNone) {
    if (body == null || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      return null;
    }
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw new InvalidRequestException("body", "is not valid JSON: " + JsonSyntax.describe(e));
    }
    if (tree == null || tree.isMissingNode() || (tree.isNull() && emptyIsNone)) {
      return null;
    }
    if (!tree.isObject()) {
      throw new InvalidRequestException("body", "must be a JSON object, was " + tree.getNodeType());
    }
    return (ObjectNode) tree;
  }

  private static void onlyFields(ObjectNode tree, Set<String> allowed) {
    for (var name : tree.propertyNames()) {
      if (!allowed.contains(name)) {
        throw new InvalidRequestException(
            abbreviate(name),
            "is not a field of this body; it takes " + String.join(", ", allowed));
      }
    }
  }

  private static Instant instant(ObjectNode tree, String field) {
    var value = tree.get(field);
    if (value == null || value.isNull()) {
      throw new InvalidRequestException(field, "is required (an ISO-8601 instant)");
    }
    if (!value.isString()) {
      throw new InvalidRequestException(
          field, "must be an ISO-8601 instant such as 2027-03-01T00:00:00Z, was " + value);
    }
    try {
      var instant = Instant.parse(value.asString());
      if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
        throw new InvalidRequestException(
            field, "must be in the years 1 to 9999, was " + abbreviate(value.asString()));
      }
      return instant;
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException(
          field,
          "must be an ISO-8601 instant such as 2027-03-01T00:00:00Z, was '"
              + abbreviate(value.asString())
              + "'");
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
