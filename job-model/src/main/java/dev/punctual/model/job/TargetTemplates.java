package dev.punctual.model.job;

import dev.punctual.model.job.Placeholders.Placeholder;
import dev.punctual.model.validation.Violations;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ObjectNode;

/**
 * The texts of a target that may hold placeholders ({@link Placeholders}), and their check against
 * the job that holds the target. A target alone can only check the names of its secrets; whether
 * {@code {{param.NAME}}} names one of the job's parameters is known only with the job, so {@link
 * JobDefinition} calls {@link #check} when it is built.
 */
public final class TargetTemplates {

  private TargetTemplates() {}

  /**
   * Each text of {@code target} that may hold placeholders, by its field path within the target
   * ({@code url}, {@code headers.NAME}, {@code body}; {@code key}, {@code headers.NAME}, {@code
   * payload}), absent texts left out.
   */
  public static Map<String, String> texts(Target target) {
    var texts = new LinkedHashMap<String, String>();
    switch (target) {
      case HttpTarget http -> {
        texts.put("url", http.url());
        http.headers().forEach((name, value) -> texts.put("headers." + name, value));
        putIfPresent(texts, "body", http.body());
      }
      case KafkaTarget kafka -> {
        putIfPresent(texts, "key", kafka.key());
        kafka.headers().forEach((name, value) -> texts.put("headers." + name, value));
        if (kafka.payload().isString()) {
          texts.put("payload", kafka.payload().stringValue());
        }
      }
    }
    return texts;
  }

  /**
   * Records an error against {@code target.FIELD} for each {@code {{fire.…}}} or {@code {{job.…}}}
   * placeholder with an unknown name, and each {@code {{param.NAME}}} whose {@code NAME} is not a
   * key of {@code parameters}.
   */
  static void check(Target target, ObjectNode parameters, Violations violations) {
    texts(target)
        .forEach(
            (field, text) -> {
              for (var placeholder : Placeholders.in(text)) {
                var problem = problem(placeholder, parameters);
                if (problem != null) {
                  violations.add("target." + field, problem);
                }
              }
            });
  }

  private static String problem(Placeholder placeholder, ObjectNode parameters) {
    var name = placeholder.name();
    return switch (placeholder.kind()) {
      case Placeholders.FIRE ->
          Placeholders.FIRE_FIELDS.contains(name)
              ? null
              : unknown(
                  placeholder, "a field of a fire", Placeholders.FIRE, Placeholders.FIRE_FIELDS);
      case Placeholders.JOB ->
          Placeholders.JOB_FIELDS.contains(name)
              ? null
              : unknown(placeholder, "a field of a job", Placeholders.JOB, Placeholders.JOB_FIELDS);
      case Placeholders.PARAM ->
          parameters.has(name)
              ? null
              : "'"
                  + placeholder.text()
                  + "' names no parameter of the job: add \""
                  + name
                  + "\" to parameters, or write \\{{ for a literal {{";
      default -> null;
    };
  }

  private static String unknown(
      Placeholder placeholder, String what, String kind, java.util.Set<String> names) {
    return "'"
        + placeholder.text()
        + "' is not "
        + what
        + ": use "
        + names.stream()
            .sorted()
            .map(name -> "{{" + kind + "." + name + "}}")
            .collect(Collectors.joining(", "));
  }

  private static void putIfPresent(Map<String, String> texts, String field, String text) {
    if (text != null) {
      texts.put(field, text);
    }
  }
}
