package dev.punctual.model.event;

import dev.punctual.model.job.Placeholders;
import dev.punctual.model.job.Placeholders.Placeholder;
import dev.punctual.model.json.Json;
import java.util.Optional;

/**
 * What the {@code {{param.…}}}, {@code {{fire.…}}} and {@code {{job.…}}} placeholders of a fire's
 * target stand for ({@link Placeholders}); secrets are the worker's own business. A parameter that
 * is a string stands for its text, any other value for its compact JSON text, so {@code {"n": 42}}
 * gives {@code 42} and {@code {"o": {"a": 1}}} gives {@code {"a":1}}.
 */
public final class FireValues {

  private FireValues() {}

  /**
   * What {@code placeholder} stands for in {@code fire}.
   *
   * @return empty for a secret, a kind without meaning, or a name the fire does not have (a
   *     parameter missing from a trigger's override, a field unknown to this version)
   */
  public static Optional<String> value(JobFired fire, Placeholder placeholder) {
    var name = placeholder.name();
    return switch (placeholder.kind()) {
      case Placeholders.PARAM -> {
        var value = fire.parameters().get(name);
        if (value == null) {
          yield Optional.empty();
        }
        yield Optional.of(value.isString() ? value.stringValue() : Json.toText(value));
      }
      case Placeholders.FIRE ->
          switch (name) {
            case "id" -> Optional.of(fire.fireId());
            case "scheduledAt" -> Optional.of(fire.scheduledAt().toString());
            case "attempt" -> Optional.of(Integer.toString(fire.attempt()));
            default -> Optional.empty();
          };
      case Placeholders.JOB -> name.equals("id") ? Optional.of(fire.jobId()) : Optional.empty();
      default -> Optional.empty();
    };
  }
}
