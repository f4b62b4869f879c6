package dev.punctual.model.job;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Headers whose values are credentials: {@code Authorization}, {@code Proxy-Authorization}, {@code
 * Cookie} and {@code X-Api-Key} (names compared case-insensitively). Wherever a target's headers
 * are shown (an API answer, a log line), their inline values are shown as {@value #MASK}.
 *
 * <p>A value that holds nothing but secret references, optionally after an authentication scheme
 * ({@code {{secret.TOKEN}}}, {@code Bearer {{secret.TOKEN}}}), holds no credential itself and is
 * shown as written, so that a reader sees which secret the header uses.
 */
public final class SensitiveHeaders {

  /** What a sensitive header's inline value is shown as. */
  public static final String MASK = "******";

  /** The sensitive header names, lower case. */
  public static final Set<String> NAMES =
      Set.of("authorization", "proxy-authorization", "cookie", "x-api-key");

  private static final Pattern ONLY_SECRET_REFERENCES =
      Pattern.compile(
          "(?:(?i:Bearer|Basic|Token) )?(?:\\{\\{"
              + Placeholders.SECRET
              + "\\."
              + Placeholders.SECRET_NAME.pattern()
              + "\\}\\})+");

  private SensitiveHeaders() {}

  /** Whether {@code name} is a sensitive header, whatever its case. */
  public static boolean isSensitive(String name) {
    return NAMES.contains(name.toLowerCase(Locale.ROOT));
  }

  /** The value to show for header {@code name}: {@value #MASK} for an inline credential. */
  public static String masked(String name, String value) {
    return isSensitive(name) && !ONLY_SECRET_REFERENCES.matcher(value).matches() ? MASK : value;
  }

  /** The headers to show: the same names, sensitive inline values {@linkplain #masked masked}. */
  public static Map<String, String> masked(Map<String, String> headers) {
    var shown = new TreeMap<String, String>();
    headers.forEach((name, value) -> shown.put(name, masked(name, value)));
    return Collections.unmodifiableMap(shown);
  }
}
