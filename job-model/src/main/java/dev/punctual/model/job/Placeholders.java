package dev.punctual.model.job;

import dev.punctual.model.validation.Violations;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Placeholders in the text of a target: {@code {{kind.name}}}, written exactly so (lower-case kind,
 * no spaces inside the braces), in an HTTP target's URL, header values and body and in a Kafka
 * target's key, header values and string payload. The worker replaces them when it executes a fire,
 * in one pass (a replacement is never searched for placeholders again); definitions, fires, results
 * and logs only ever hold the placeholders.
 *
 * <ul>
 *   <li>{@code {{param.NAME}}}: the top-level entry {@code NAME} of the fire's parameters (the
 *       job's, or a trigger's override): a string as its text, any other value (number, boolean,
 *       {@code null}, object, array) as its compact JSON text. {@code NAME} must be a key of the
 *       job's {@code parameters}, checked when the job is defined.
 *   <li>{@code {{fire.id}}}, {@code {{fire.scheduledAt}}} (ISO-8601 UTC, e.g. {@code
 *       2027-03-13T07:30:00Z}), {@code {{fire.attempt}}} (1-based): see {@link #FIRE_FIELDS}.
 *   <li>{@code {{job.id}}}: see {@link #JOB_FIELDS}.
 *   <li>{@code {{secret.NAME}}}: a secret of the worker. A secret's name is 1 to 128 letters,
 *       digits, {@code .}, {@code _} or {@code -} and does not start with {@code .} ({@link
 *       #SECRET_NAME}); a reference with another name makes the definition invalid.
 * </ul>
 *
 * <p>Any other kind, such as {@code {{user.name}}}, is literal text, so texts written for other
 * template engines pass through unchanged. A backslash before two opening braces, <code>\{{</code>,
 * stands for a literal <code>{{</code> and is never part of a placeholder: {@code \{{param.x}}} is
 * sent as {@code {{param.x}}}.
 */
public final class Placeholders {

  /** The kind of a secret reference: {@code {{secret.NAME}}}. */
  public static final String SECRET = "secret";

  /** The kind of a parameter of the fire: {@code {{param.NAME}}}. */
  public static final String PARAM = "param";

  /** The kind of a field of the fire: {@code {{fire.id}}}. */
  public static final String FIRE = "fire";

  /** The kind of a field of the job: {@code {{job.id}}}. */
  public static final String JOB = "job";

  /** The names {@code {{fire.NAME}}} may take. */
  public static final Set<String> FIRE_FIELDS = Set.of("id", "scheduledAt", "attempt");

  /** The names {@code {{job.NAME}}} may take. */
  public static final Set<String> JOB_FIELDS = Set.of("id");

  /** The kinds that have a meaning; any other kind is literal text. */
  public static final Set<String> KINDS = Set.of(PARAM, FIRE, JOB, SECRET);

  /** A secret's name: it names a file in a directory, so it can never leave that directory. */
  public static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");

  /** An escaped {@code {{} (group 1), or a placeholder (kind in group 2, name in group 3). */
  private static final Pattern PLACEHOLDER =
      Pattern.compile("(\\\\\\{\\{)|\\{\\{([a-z]+)\\.([^{}]*)\\}\\}");

  private Placeholders() {}

  /**
   * One placeholder.
   *
   * @param kind what it refers to, such as {@value #SECRET}
   * @param name which one
   */
  public record Placeholder(String kind, String name) {

    /** Whether this is a {@code {{secret.NAME}}} reference (whatever its name). */
    public boolean isSecret() {
      return SECRET.equals(kind);
    }

    /** Whether the kind has a meaning ({@link #KINDS}); any other placeholder is literal text. */
    public boolean isResolvable() {
      return KINDS.contains(kind);
    }

    /** The placeholder as written: {@code {{kind.name}}}. */
    public String text() {
      return "{{" + kind + "." + name + "}}";
    }
  }

  /** Every placeholder in {@code text}, in order. */
  public static List<Placeholder> in(@Nullable String text) {
    var found = new ArrayList<Placeholder>();
    if (text != null) {
      var matcher = PLACEHOLDER.matcher(text);
      while (matcher.find()) {
        if (matcher.group(1) == null) {
          found.add(placeholder(matcher));
        }
      }
    }
    return found;
  }

  /** Whether {@code text} holds a {@code {{secret.…}}} reference. */
  public static boolean hasSecrets(@Nullable String text) {
    return in(text).stream().anyMatch(Placeholder::isSecret);
  }

  /**
   * {@code text} with each placeholder replaced by what {@code replacement} returns for it; a
   * placeholder for which it returns {@code null} stays as written. Each escaped <code>\{{</code>
   * becomes <code>{{</code>. Replacements are not searched for placeholders again.
   */
  public static String replace(String text, Function<Placeholder, @Nullable String> replacement) {
    var matcher = PLACEHOLDER.matcher(text);
    var result = new StringBuilder();
    while (matcher.find()) {
      String value;
      if (matcher.group(1) != null) {
        value = "{{";
      } else {
        value = replacement.apply(placeholder(matcher));
      }
      matcher.appendReplacement(
          result, Matcher.quoteReplacement(value == null ? matcher.group() : value));
    }
    matcher.appendTail(result);
    return result.toString();
  }

  /** Whether {@code name} is a valid secret name ({@link #SECRET_NAME}). */
  public static boolean isValidSecretName(String name) {
    return SECRET_NAME.matcher(name).matches();
  }

  /**
   * Records an error against {@code field} for each secret reference in {@code text} with an
   * invalid name.
   */
  static void checkSecretNames(@Nullable String text, String field, Violations violations) {
    for (var placeholder : in(text)) {
      violations.check(
          !placeholder.isSecret() || isValidSecretName(placeholder.name()),
          field,
          "'"
              + placeholder.text()
              + "' is not a valid secret reference: a secret's name is 1 to 128 letters, digits,"
              + " '.', '_' or '-' and does not start with '.'");
    }
  }

  private static Placeholder placeholder(Matcher matcher) {
    return new Placeholder(matcher.group(2), matcher.group(3));
  }
}
