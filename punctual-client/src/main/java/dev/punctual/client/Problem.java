package dev.punctual.client;

import dev.punctual.model.validation.FieldError;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An RFC 9457 problem, as the API answers every refusal ({@code application/problem+json}).
 *
 * @param type the problem type URI, {@code about:blank} for the API's own
 * @param title the same for every problem of one kind, e.g. {@code Invalid job definition}
 * @param status the HTTP status
 * @param detail what went wrong, for a person to act on
 * @param instance the request path it answers, when given
 * @param errors the fields at fault, each with its JSON path ({@code schedule.cron}); empty when no
 *     field is at fault
 * @param extensions the other members, such as {@code requiredScope} (403) or {@code reference}
 *     (500)
 */
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    @Nullable String instance,
    List<FieldError> errors,
    Map<String, JsonNode> extensions) {

  public Problem {
    errors = List.copyOf(errors);
    extensions = Map.copyOf(extensions);
  }

  /** The extension member {@code name} as text, if present. */
  public @Nullable String extension(String name) {
    var value = extensions.get(name);
    return value == null || value.isNull() ? null : value.asString();
  }
}
