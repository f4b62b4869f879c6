package dev.punctual.worker.secret;

import dev.punctual.model.event.FireValues;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.job.KafkaTarget;
import dev.punctual.model.job.Placeholders;
import dev.punctual.model.job.Placeholders.Placeholder;
import dev.punctual.model.job.Target;
import dev.punctual.model.validation.FieldError;
import dev.punctual.model.validation.InvalidJobDefinitionException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Resolves the placeholders of a fire's target ({@link Placeholders}) into a target to execute, in
 * one pass: in an HTTP target's URL, header values and body; in a Kafka target's key, header values
 * and string payload. {@code {{param.…}}}, {@code {{fire.…}}} and {@code {{job.…}}} come from the
 * fire ({@link FireValues}); each secret is looked up once per execution ({@link Secrets}). A value
 * placed into a URL is percent-encoded ({@link UrlValues}). Thread-safe.
 *
 * <p>An unknown secret ends the fire for good ({@code unknown secret NAME}), as does a parameter
 * missing from the fire (a trigger's override without it) and a target that is no longer valid once
 * its values are in (a value with a line break in a header, a URL that no longer parses); an
 * unreadable secret file may be retried. No message names a value.
 */
public final class ResolveSecrets {

  private final Secrets secrets;

  public ResolveSecrets(Secrets secrets) {
    this.secrets = secrets;
  }

  /** The target of {@code fire} to execute, or why it cannot be; never throws for a bad value. */
  public Resolution resolve(JobFired fire) {
    var target = fire.target();
    var lookups = new Lookups(fire);
    var resolved =
        switch (target) {
          case HttpTarget http -> http(http, lookups);
          case KafkaTarget kafka -> kafka(kafka, lookups);
        };
    if (!lookups.replacedAny && lookups.problem == null) {
      return new Resolution.Resolved(target, Redaction.NONE);
    }
    if (lookups.problem != null) {
      return lookups.problem;
    }
    return build(resolved, lookups);
  }

  private static Resolution build(Builder resolved, Lookups lookups) {
    Target target;
    try {
      target = resolved.build();
    } catch (InvalidJobDefinitionException e) {
      var fields = e.errors().stream().map(FieldError::field).collect(Collectors.joining(", "));
      return Resolution.unresolvable(
          "the target is not valid once its placeholders are filled in ("
              + fields
              + ")"
              + lookups.secretsToCheck());
    }
    if (target instanceof HttpTarget http && !parses(http)) {
      return Resolution.unresolvable(
          "the URL is not valid once its placeholders are filled in" + lookups.secretsToCheck());
    }
    return new Resolution.Resolved(target, new Redaction(lookups.redacted()));
  }

  private Builder http(HttpTarget target, Lookups lookups) {
    var url = lookups.resolveInUrl(target.url());
    var headers = lookups.resolve(target.headers());
    var body = target.body() == null ? null : lookups.resolve(target.body());
    return () -> new HttpTarget(target.method(), url, headers, body, target.timeout());
  }

  private Builder kafka(KafkaTarget target, Lookups lookups) {
    var key = target.key() == null ? null : lookups.resolve(target.key());
    var headers = lookups.resolve(target.headers());
    var payload =
        target.payload().isString()
            ? JsonNodeFactory.instance.stringNode(lookups.resolve(target.payload().stringValue()))
            : target.payload();
    return () -> new KafkaTarget(target.topic(), key, headers, payload);
  }

  private static boolean parses(HttpTarget target) {
    try {
      target.uri();
      return true;
    } catch (IllegalArgumentException | IllegalStateException e) {
      return false;
    }
  }

  /** Builds the resolved target, validating it as any target. */
  @FunctionalInterface
  private interface Builder {
    Target build();
  }

  /** The secrets one execution looked up, and the first problem met. */
  private final class Lookups {

    private final JobFired fire;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> encoded = new LinkedHashSet<>();
    private final Set<String> unknown = new LinkedHashSet<>();
    private Resolution.@Nullable Unresolved problem;
    private boolean replacedAny;

    Lookups(JobFired fire) {
      this.fire = fire;
    }

    String resolve(String text) {
      var resolved = Placeholders.replace(text, this::value);
      replacedAny |= !resolved.equals(text);
      return resolved;
    }

    /** {@code text} resolved with every value percent-encoded, as it goes into a URL. */
    String resolveInUrl(String text) {
      var resolved =
          Placeholders.replace(
              text,
              placeholder -> {
                var value = value(placeholder);
                if (value == null) {
                  return null;
                }
                var inUrl = UrlValues.encode(value);
                if (placeholder.isSecret()) {
                  // An error quoting the URL shows the encoded form: redact that too.
                  encoded.add(inUrl);
                }
                return inUrl;
              });
      replacedAny |= !resolved.equals(text);
      return resolved;
    }

    /** Every form of a secret value this execution placed into the target. */
    List<String> redacted() {
      var all = new ArrayList<>(values.values());
      all.addAll(encoded);
      return all;
    }

    String secretsToCheck() {
      return values.isEmpty()
          ? "; check the parameters"
          : "; check the parameters and the values of the secrets "
              + String.join(", ", values.keySet());
    }

    Map<String, String> resolve(Map<String, String> headers) {
      var resolved = new TreeMap<String, String>();
      headers.forEach((name, value) -> resolved.put(name, resolve(value)));
      return resolved;
    }

    /** The placeholder's replacement; {@code null} to keep it as written. */
    private @Nullable String value(Placeholder placeholder) {
      if (!placeholder.isResolvable()) {
        return null;
      }
      if (!placeholder.isSecret()) {
        var value = FireValues.value(fire, placeholder);
        if (value.isEmpty() && problem == null) {
          problem =
              Resolution.unresolvable(
                  "'"
                      + placeholder.text()
                      + "' has no value in this fire"
                      + (placeholder.kind().equals(Placeholders.PARAM)
                          ? ": its parameters (the job's, or a trigger's override, which replaces"
                              + " them) have no \""
                              + placeholder.name()
                              + "\""
                          : ""));
        }
        return value.orElse(null);
      }
      var name = placeholder.name();
      if (values.containsKey(name)) {
        return values.get(name);
      }
      if (unknown.contains(name) || problem != null) {
        return null;
      }
      if (!Placeholders.isValidSecretName(name)) {
        problem =
            Resolution.unresolvable("'" + placeholder.text() + "' is not a valid secret reference");
        return null;
      }
      try {
        var value = secrets.value(name);
        if (value.isEmpty()) {
          unknown.add(name);
          problem =
              Resolution.unresolvable(
                  "unknown secret "
                      + name
                      + ": no file "
                      + name
                      + " in the worker's secrets directory and no environment variable "
                      + Secrets.environmentVariable(name));
          return null;
        }
        values.put(name, value.get());
        return value.get();
      } catch (IOException e) {
        problem =
            new Resolution.Unresolved(
                "secret " + name + " cannot be read: " + e.getMessage(), true);
        return null;
      }
    }
  }
}
