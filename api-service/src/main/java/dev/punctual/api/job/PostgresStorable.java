package dev.punctual.api.job;

import dev.punctual.api.system.TextParameters;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.json.JobDefinitionCodec;
import dev.punctual.model.validation.FieldError;
import dev.punctual.model.validation.InvalidJobDefinitionException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Whether PostgreSQL can store a definition: beyond what the shared codec refuses, text with the
 * NUL character ({@code \u0000}) or with half of a UTF-16 surrogate pair (JSON's {@code \ud800}
 * alone), which {@code jsonb} and {@code text} reject, is refused with the field's path as a 400,
 * rather than failing in the database as a 500.
 */
public final class PostgresStorable {

  private PostgresStorable() {}

  /**
   * Checks the definition.
   *
   * @throws InvalidJobDefinitionException naming every field with a NUL character
   */
  public static JobDefinition require(JobDefinition definition) {
    var errors = new ArrayList<FieldError>();
    collect(JobDefinitionCodec.toTree(definition), "", errors);
    if (!errors.isEmpty()) {
      throw new InvalidJobDefinitionException(errors);
    }
    return definition;
  }

  private static void collect(JsonNode node, String path, List<FieldError> errors) {
    if (node.isString() && TextParameters.unstorable(node.asString()) != null) {
      errors.add(
          new FieldError(path, "must not contain " + TextParameters.unstorable(node.asString())));
    } else if (node.isObject()) {
      for (var entry : node.properties()) {
        var child = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
        if (TextParameters.unstorable(entry.getKey()) != null) {
          errors.add(
              new FieldError(
                  path, "has a field name with " + TextParameters.unstorable(entry.getKey())));
        }
        collect(entry.getValue(), child, errors);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), path + "[" + i + "]", errors);
      }
    }
  }
}
