package dev.punctual.model.job;

import dev.punctual.model.validation.Violations;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Placeholders in the text of a target: {@code {{kind.name}}}, written exactly so (lower-case kind,
 * no spaces inside the braces).
 *
 * <p>One kind has a meaning: {@code {{secret.NAME}}}, allowed in an HTTP target's URL, header
 * values and body and in a Kafka target's key, header values and string payload. The worker
 * replaces it with the secret's value when it executes a fire; nothing else ever resolves it, so
 * definitions, fires, results and logs only ever hold the reference. A secret's name is 1 to 128
 * letters, digits, {@code .}, {@code _} or {@code -} and does not start with {@code .} ({@link
 * #SECRET_NAME}); a reference with another name makes the definition invalid.
 *
 * <p>Every other placeholder, such as {@code {{param.region}}} or {@code {{fire.id}}}, is literal
 * text for now. Templates of parameters and fire fields would be further kinds of this syntax,
 * resolved by the worker next to secrets.
 */
public final class Placeholders {

  /** The kind of a secret reference: {@code {{secret.NAME}}}. */
  public static final String SECRET = "secret";

  /** A secret's name: it names a file in a directory, so it can never leave that directory. */
  public static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z]+)\\.([^{}]*)\\}\\}");

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
        found.add(placeholder(matcher));
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
   * placeholder for which it returns {@code null} stays as written. Replacements are not searched
   * for placeholders again.
   */
  public static String replace(String text, Function<Placeholder, @Nullable String> replacement) {
    var matcher = PLACEHOLDER.matcher(text);
    var result = new StringBuilder();
    while (matcher.find()) {
      var value = replacement.apply(placeholder(matcher));
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
    return new Placeholder(matcher.group(1), matcher.group(2));
  }
}
