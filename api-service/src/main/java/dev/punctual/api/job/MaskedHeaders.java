package dev.punctual.api.job;

import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.job.KafkaTarget;
import dev.punctual.model.job.SensitiveHeaders;
import dev.punctual.model.job.Target;
import dev.punctual.model.validation.FieldError;
import dev.punctual.model.validation.InvalidJobDefinitionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The API's side of {@link SensitiveHeaders}: answers show a target's credential headers masked,
 * and a write that sends {@value SensitiveHeaders#MASK} back for such a header keeps the value
 * stored for it (so a client can read a job, change it and put it back). PostgreSQL and the jobs
 * topic keep the real values: the worker needs them.
 */
final class MaskedHeaders {

  private MaskedHeaders() {}

  /** The definition as answers show it: sensitive inline header values masked. */
  static JobDefinition shown(JobDefinition definition) {
    var headers = headersOf(definition.target());
    var masked = SensitiveHeaders.masked(headers);
    return masked.equals(headers) ? definition : withHeaders(definition, masked);
  }

  /** Whether the definition sends back a masked value for a sensitive header. */
  static boolean sendsMask(JobDefinition definition) {
    return headersOf(definition.target()).entrySet().stream().anyMatch(MaskedHeaders::isMask);
  }

  /**
   * The definition with every masked sensitive header value replaced by the value {@code stored}
   * holds for that header (names compared case-insensitively).
   *
   * @param stored the job's current definition; {@code null} when there is none
   * @throws InvalidJobDefinitionException naming each masked header that has no stored value
   */
  static JobDefinition restored(JobDefinition definition, @Nullable JobDefinition stored) {
    if (!sendsMask(definition)) {
      return definition;
    }
    var storedHeaders = stored == null ? Map.<String, String>of() : headersOf(stored.target());
    var headers = new LinkedHashMap<String, String>();
    var errors = new ArrayList<FieldError>();
    headersOf(definition.target())
        .forEach(
            (name, value) -> {
              if (!isMask(Map.entry(name, value))) {
                headers.put(name, value);
                return;
              }
              var kept = storedValue(storedHeaders, name);
              if (kept == null) {
                errors.add(
                    new FieldError(
                        "target.headers." + name,
                        "is "
                            + SensitiveHeaders.MASK
                            + " (the masked value) but the job has no stored value for it; send"
                            + " the value, or a {{secret.NAME}} reference"));
              } else {
                headers.put(name, kept);
              }
            });
    if (!errors.isEmpty()) {
      throw new InvalidJobDefinitionException(errors);
    }
    return withHeaders(definition, headers);
  }

  private static boolean isMask(Map.Entry<String, String> header) {
    return SensitiveHeaders.MASK.equals(header.getValue())
        && SensitiveHeaders.isSensitive(header.getKey());
  }

  private static @Nullable String storedValue(Map<String, String> stored, String name) {
    for (var header : stored.entrySet()) {
      if (header.getKey().equalsIgnoreCase(name)) {
        return header.getValue();
      }
    }
    return null;
  }

  private static Map<String, String> headersOf(Target target) {
    return switch (target) {
      case HttpTarget http -> http.headers();
      case KafkaTarget kafka -> kafka.headers();
    };
  }

  private static JobDefinition withHeaders(JobDefinition d, Map<String, String> headers) {
    Target target =
        switch (d.target()) {
          case HttpTarget h -> new HttpTarget(h.method(), h.url(), headers, h.body(), h.timeout());
          case KafkaTarget k -> new KafkaTarget(k.topic(), k.key(), headers, k.payload());
        };
    return new JobDefinition(
        d.id(),
        d.name(),
        d.schedule(),
        target,
        d.parameters(),
        d.retry(),
        d.paused(),
        d.version(),
        d.createdAt(),
        d.updatedAt());
  }
}
