package dev.punctual.model.json;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Why a record's value could not be read into an event (a fire, a result, a command), for the
 * reason header of its dead letter: the failing field's path and what is wrong with it, in words a
 * producer can act on. Jackson's own messages name Java classes, its settings and tokens ("Cannot
 * construct instance of `…ExecutionFinished` (although at least one Creator exists)"), which tell
 * the producer of a record nothing and would leak the implementation.
 */
public final class RecordProblems {

  /** A qualified name in backticks or after "class ", e.g. {@code `java.time.Instant`}. */
  private static final Pattern QUALIFIED =
      Pattern.compile("`?(?:class )?(?:[a-z][\\w$]*\\.)+([A-Z][\\w$]*)`?");

  /** The known type ids Jackson lists in its message (it has no accessor for them). */
  private static final Pattern KNOWN_TYPE_IDS = Pattern.compile("known type ids = \\[([^\\]]*)\\]");

  private RecordProblems() {}

  /**
   * What is wrong, as {@code at <path>: <problem>} when the failure has a field, else the problem
   * alone.
   */
  public static String describe(RuntimeException failure) {
    var jackson = find(failure, JacksonException.class);
    var path = jackson == null ? "" : path(jackson);
    var problem = problem(failure, jackson);
    return path.isEmpty() ? problem : "at " + path + ": " + problem;
  }

  private static String problem(RuntimeException failure, @Nullable JacksonException jackson) {
    // The events' constructors check their fields: IllegalArgumentException with a sentence, or
    // Objects.requireNonNull(value, name).
    var invalid = find(failure, IllegalArgumentException.class);
    if (invalid != null && invalid.getMessage() != null) {
      return clean(invalid.getMessage());
    }
    var missing = find(failure, NullPointerException.class);
    if (missing != null && missing.getMessage() != null) {
      return clean(missing.getMessage()) + " is required";
    }
    if (jackson == null) {
      return failure.getMessage() == null ? "unreadable" : clean(failure.getMessage());
    }
    return switch (jackson) {
      case UnrecognizedPropertyException unknown ->
          "is not a known field; known fields: "
              + String.join(
                  ", ",
                  new TreeSet<>(
                      unknown.getKnownPropertyIds().stream().map(String::valueOf).toList()));
      case InvalidTypeIdException type -> typeId(type);
      case InvalidFormatException format ->
          "must be " + expected(format.getTargetType()) + ", was " + shown(format.getValue());
      case MismatchedInputException mismatch when mismatch.getTargetType() != null ->
          "must be " + expected(mismatch.getTargetType());
      case DatabindException other -> clean(JsonSyntax.describe(other));
      case InputCoercionException range ->
          "is out of range for "
              + (range.getTargetType() == null ? "its type" : expected(range.getTargetType()));
      case StreamReadException syntax -> "not valid JSON: " + clean(JsonSyntax.describe(syntax));
      default -> clean(JsonSyntax.describe(jackson));
    };
  }

  private static String typeId(InvalidTypeIdException failure) {
    var base = failure.getBaseType() == null ? null : failure.getBaseType().getRawClass();
    var info = base == null ? null : base.getAnnotation(JsonTypeInfo.class);
    var property = info == null || info.property().isEmpty() ? "type" : info.property();
    var known = knownTypes(failure, base);
    var choices = known.isEmpty() ? "" : "; known types: " + known;
    if (failure.getTypeId() == null) {
      return "needs its '" + property + "' field" + choices;
    }
    return "'" + failure.getTypeId() + "' is not a known type" + choices;
  }

  /** The type ids Jackson lists in its message or, when it lists none, the base type declares. */
  private static String knownTypes(InvalidTypeIdException failure, @Nullable Class<?> base) {
    var listed = KNOWN_TYPE_IDS.matcher(String.valueOf(failure.getOriginalMessage()));
    if (listed.find()) {
      return listed.group(1);
    }
    var declared = base == null ? null : base.getAnnotation(JsonSubTypes.class);
    if (declared == null) {
      return "";
    }
    return Arrays.stream(declared.value())
        .map(JsonSubTypes.Type::name)
        .filter(name -> !name.isEmpty())
        .sorted()
        .collect(Collectors.joining(", "));
  }

  /** What a value of the type looks like, in JSON terms. */
  private static String expected(Class<?> type) {
    if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class) {
      return "an ISO-8601 timestamp such as 2026-01-01T00:00:00Z";
    }
    if (type == Duration.class) {
      return "an ISO-8601 duration such as PT30S";
    }
    if (type == int.class
        || type == Integer.class
        || type == long.class
        || type == Long.class
        || type == short.class
        || type == Short.class) {
      return "a whole number";
    }
    if (type == double.class || type == Double.class || Number.class.isAssignableFrom(type)) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (CharSequence.class.isAssignableFrom(type)) {
      return "a string";
    }
    if (type.isEnum()) {
      return "one of "
          + Arrays.stream(type.getEnumConstants())
              .map(String::valueOf)
              .collect(Collectors.joining(", "));
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    if (Map.class.isAssignableFrom(type) || !type.isPrimitive()) {
      return "a JSON object";
    }
    return "a " + type.getSimpleName();
  }

  private static String shown(@Nullable Object value) {
    var text = String.valueOf(value);
    return text.length() > 60 ? "'" + text.substring(0, 60) + "…'" : "'" + text + "'";
  }

  private static String path(JacksonException failure) {
    return failure.getPath().stream()
        .map(
            ref ->
                ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  private static String clean(String message) {
    int newline = message.indexOf('\n');
    var firstLine = newline >= 0 ? message.substring(0, newline) : message;
    return QUALIFIED.matcher(firstLine).replaceAll("$1");
  }

  private static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
