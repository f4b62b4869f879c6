package dev.punctual.model.json;

import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.job.RunProgress;
import dev.punctual.model.job.Target;
import dev.punctual.model.schedule.DaylightSaving;
import dev.punctual.model.schedule.MisfirePolicy;
import dev.punctual.model.schedule.OverlapPolicy;
import dev.punctual.model.validation.FieldError;
import dev.punctual.model.validation.InvalidJobDefinitionException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads job definitions from JSON, the same way for the REST API and for the jobs topic, and turns
 * every failure into {@link FieldError}s with the JSON path of the field at fault and a message a
 * person can act on (never a class name or a parser's internals).
 */
public final class JobDefinitionCodec {

  private static final Map<Class<?>, String> EXPECTED =
      Map.ofEntries(
          Map.entry(Duration.class, "an ISO-8601 duration such as PT30S"),
          Map.entry(Instant.class, "an ISO-8601 instant such as 2027-01-01T00:00:00Z"),
          Map.entry(String.class, "a string"),
          Map.entry(Integer.class, "a whole number"),
          Map.entry(int.class, "a whole number"),
          Map.entry(Long.class, "a whole number"),
          Map.entry(Double.class, "a number"),
          Map.entry(Boolean.class, "true or false"),
          Map.entry(boolean.class, "true or false"),
          Map.entry(MisfirePolicy.class, oneOf(MisfirePolicy.values())),
          Map.entry(OverlapPolicy.class, oneOf(OverlapPolicy.values())),
          Map.entry(DaylightSaving.Gap.class, oneOf(DaylightSaving.Gap.values())),
          Map.entry(DaylightSaving.Overlap.class, oneOf(DaylightSaving.Overlap.values())));

  private JobDefinitionCodec() {}

  private static String oneOf(Enum<?>[] values) {
    return "one of " + Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", "));
  }

  /**
   * Reads a definition.
   *
   * @param json the document
   * @param defaultId the id to use when the document has none (the record key, or a generated id);
   *     {@code null} to require one
   * @throws InvalidJobDefinitionException naming the fields at fault
   */
  public static JobDefinition parse(byte[] json, @Nullable String defaultId) {
    return parse(readTree(json), defaultId);
  }

  /**
   * A definition's record on the jobs topic.
   *
   * @param definition the definition
   * @param progress the run progress the REST API carries when it republishes the job, if any
   */
  public record DefinitionRecord(JobDefinition definition, @Nullable RunProgress progress) {}

  /**
   * Reads a record of the jobs topic: the definition and its optional {@value RunProgress#FIELD}
   * field, from one parse of the document.
   *
   * @throws InvalidJobDefinitionException naming the fields at fault, the progress's included
   */
  public static DefinitionRecord parseRecord(byte[] json, String key) {
    var tree = readTree(json);
    var definition = parse(tree, key);
    var progress = tree.get(RunProgress.FIELD);
    if (progress == null || progress.isNull()) {
      return new DefinitionRecord(definition, null);
    }
    if (!progress.isObject()) {
      throw new InvalidJobDefinitionException(
          new FieldError(RunProgress.FIELD, "must be a JSON object"));
    }
    try {
      return new DefinitionRecord(definition, Json.MAPPER.treeToValue(progress, RunProgress.class));
    } catch (JacksonException e) {
      throw translate(e).under(RunProgress.FIELD);
    }
  }

  private static JsonNode readTree(byte[] json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new InvalidJobDefinitionException(
          new FieldError("", "the body is not valid JSON: " + JsonSyntax.describe(e)));
    }
  }

  /** The definition with its run progress, as the REST API republishes it to the jobs topic. */
  public static byte[] toBytes(JobDefinition definition, RunProgress progress) {
    var tree = toTree(definition);
    tree.set(RunProgress.FIELD, Json.MAPPER.valueToTree(progress));
    return Json.toBytes(tree);
  }

  /** Reads a definition from a parsed document; see {@link #parse(byte[], String)}. */
  public static JobDefinition parse(@Nullable JsonNode tree, @Nullable String defaultId) {
    if (tree == null || !tree.isObject()) {
      throw new InvalidJobDefinitionException(
          new FieldError("", "a job definition must be a JSON object"));
    }
    var document = (ObjectNode) tree;
    if (defaultId != null && (!document.has("id") || document.get("id").isNull())) {
      document = document.deepCopy();
      document.put("id", defaultId);
    }
    try {
      return Json.MAPPER.treeToValue(document, JobDefinition.class);
    } catch (JacksonException e) {
      throw translate(e);
    }
  }

  /** The definition as JSON bytes, as written to the jobs topic. */
  public static byte[] toBytes(JobDefinition definition) {
    return Json.toBytes(definition);
  }

  /** The definition as a JSON tree. */
  public static ObjectNode toTree(JobDefinition definition) {
    return Json.MAPPER.valueToTree(definition);
  }

  static InvalidJobDefinitionException translate(JacksonException e) {
    var path = path(e);
    var invalid = causeOf(e);
    if (invalid != null) {
      return invalid.under(path);
    }
    if (e instanceof UnrecognizedPropertyException unknown) {
      var known =
          unknown.getKnownPropertyIds() == null
              ? ""
              : "; known fields: "
                  + unknown.getKnownPropertyIds().stream()
                      .map(Object::toString)
                      .sorted()
                      .collect(Collectors.joining(", "));
      return new InvalidJobDefinitionException(
          new FieldError(path, "is not a known field" + known));
    }
    if (e instanceof InvalidTypeIdException) {
      return new InvalidJobDefinitionException(
          new FieldError(
              joined(path, "type"), "must be one of " + String.join(", ", Target.typeNames())));
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      var expected = EXPECTED.get(mismatch.getTargetType());
      if (expected == null && Map.class.isAssignableFrom(mismatch.getTargetType())) {
        expected = "a JSON object";
      }
      if (expected == null && JsonNode.class.isAssignableFrom(mismatch.getTargetType())) {
        expected = "a JSON object";
      }
      if (expected != null) {
        return new InvalidJobDefinitionException(new FieldError(path, "must be " + expected));
      }
    }
    if (e instanceof StreamReadException) {
      return new InvalidJobDefinitionException(
          new FieldError("", "the body is not valid JSON: " + JsonSyntax.describe(e)));
    }
    return new InvalidJobDefinitionException(new FieldError(path, "has an invalid value"));
  }

  private static @Nullable InvalidJobDefinitionException causeOf(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InvalidJobDefinitionException invalid) {
        return invalid;
      }
    }
    return null;
  }

  private static String path(JacksonException e) {
    List<JacksonException.Reference> references = e.getPath();
    var builder = new StringBuilder();
    for (var reference : references) {
      if (reference.getPropertyName() != null) {
        if (!builder.isEmpty()) {
          builder.append('.');
        }
        builder.append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        builder.append('[').append(reference.getIndex()).append(']');
      }
    }
    return builder.toString();
  }

  private static String joined(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }
}
