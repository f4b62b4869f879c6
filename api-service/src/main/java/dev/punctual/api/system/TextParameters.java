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
}
