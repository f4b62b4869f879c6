package dev.punctual.worker.secret;

import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.job.SensitiveHeaders;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Removes the secret values an execution used from what the worker reports about it: every
 * occurrence of a value in the result's {@code error} and {@code detail} (an error message that
 * quotes the URL, a target that echoes a header in its answer) and in a logged exception becomes
 * {@value SensitiveHeaders#MASK}. Values are matched as written, longest first; an empty value
 * matches nothing.
 */
public final class Redaction {

  /** Removes nothing: the execution used no secret. */
  public static final Redaction NONE = new Redaction(List.of());

  private static final int MAX_CAUSES = 16;

  private final List<String> values;

  Redaction(Collection<String> values) {
    this.values =
        values.stream()
            .filter(value -> !value.isEmpty())
            .distinct()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
  }

  /** {@code text} without any of the values. */
  public String text(String text) {
    var redacted = text;
    for (var value : values) {
      redacted = redacted.replace(value, SensitiveHeaders.MASK);
    }
    return redacted;
  }

  /** {@code result} with its {@code error} and every text of its {@code detail} redacted. */
  public ExecutionFinished result(ExecutionFinished result) {
    if (values.isEmpty()) {
      return result;
    }
    return new ExecutionFinished(
        result.fireId(),
        result.jobId(),
        result.attempt(),
        result.trigger(),
        result.status(),
        result.scheduledAt(),
        result.dueAt(),
        result.startedAt(),
        result.finishedAt(),
        result.workerId(),
        (ObjectNode) redacted(result.detail()),
        result.error() == null ? null : text(result.error()),
        result.retryable(),
        result.retryAfter());
  }

  /**
   * {@code failure} fit for a log: the same when no secret was used, else a copy whose messages
   * (its own and its causes') are redacted, keeping the class names and stack traces.
   */
  public Throwable exception(Throwable failure) {
    return values.isEmpty() ? failure : copy(failure, this::text, MAX_CAUSES);
  }

  /**
   * {@code failure} fit for a log when which secret values it may hold is not known: a copy with
   * every message (its own and its causes') withheld, keeping the class names and stack traces.
   */
  public static Throwable withoutMessages(Throwable failure) {
    return copy(failure, message -> "(message withheld: it may hold a secret)", MAX_CAUSES);
  }

  private static Throwable copy(Throwable failure, UnaryOperator<String> message, int causesLeft) {
    var cause = failure.getCause();
    var copy =
        new RedactedException(
            failure.getClass().getName()
                + ": "
                + message.apply(String.valueOf(failure.getMessage())),
            cause == null || cause == failure || causesLeft == 0
                ? null
                : copy(cause, message, causesLeft - 1));
    copy.setStackTrace(failure.getStackTrace());
    return copy;
  }

  private JsonNode redacted(JsonNode node) {
    var factory = JsonNodeFactory.instance;
    if (node.isString()) {
      return factory.stringNode(text(node.stringValue()));
    }
    if (node.isObject()) {
      var copy = factory.objectNode();
      for (Map.Entry<String, JsonNode> property : node.properties()) {
        copy.set(property.getKey(), redacted(property.getValue()));
      }
      return copy;
    }
    if (node.isArray()) {
      var copy = factory.arrayNode();
      for (var element : node.values()) {
        copy.add(redacted(element));
      }
      return copy;
    }
    return node;
  }

  /** A logged exception whose message had a secret value removed. */
  private static final class RedactedException extends RuntimeException {

    RedactedException(String message, @Nullable Throwable cause) {
      super(message, cause);
    }
  }
}
