package dev.punctual.api.system;

import org.jspecify.annotations.Nullable;

/**
 * Checks of free-text request parameters that reach PostgreSQL: its text cannot hold the NUL
 * character, which a query string can carry ({@code %00}), so such a value is refused as invalid
 * (400 naming the parameter) instead of failing in the database (500).
 */
public final class TextParameters {

  private TextParameters() {}

  /**
   * The value, unchanged.
   *
   * @throws InvalidRequestException naming {@code parameter} when the value holds NUL
   */
  public static @Nullable String storable(String parameter, @Nullable String value) {
    if (value != null && value.indexOf('\u0000') >= 0) {
      throw new InvalidRequestException(parameter, "must not contain the NUL character (%00)");
    }
    return value;
  }

  /**
   * What in {@code text} PostgreSQL cannot store, {@code null} when nothing: for free text in a
   * request body (a job definition's fields, an API key's name).
   */
  public static @Nullable String unstorable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u0000') {
        return "the NUL character (\\u0000)";
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++; // a pair: one character beyond the BMP, such as an emoji
      } else if (Character.isSurrogate(c)) {
        return "half of a UTF-16 surrogate pair (\\u" + Integer.toHexString(c) + " alone)";
      }
    }
    return null;
  }
}
