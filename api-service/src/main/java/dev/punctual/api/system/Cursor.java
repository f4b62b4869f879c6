package dev.punctual.api.system;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Opaque pagination cursors: the keyset position of the last entry of a page (a job id, an
 * execution sequence number), base64url-encoded without padding so it can travel in a query string
 * unescaped. Clients must not build or parse them.
 */
public final class Cursor {

  private static final int MAX_LENGTH = 512;

  private Cursor() {}

  public static String encode(String position) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(position.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The position in {@code cursor}, or {@code null} when there is none (the first page).
   *
   * @throws InvalidRequestException when the cursor was not made by {@link #encode}
   */
  public static @Nullable String decode(@Nullable String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return null;
    }
    if (cursor.length() > MAX_LENGTH) {
      throw invalid();
    }
    try {
      var position = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      // NUL: no position holds it (ids and numbers never do), and PostgreSQL cannot compare it.
      if (position.isEmpty()
          || position.indexOf('\u0000') >= 0
          || !encode(position).equals(cursor)) {
        throw invalid();
      }
      return position;
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  /** The position in {@code cursor} as a number; see {@link #decode}. */
  public static @Nullable Long decodeLong(@Nullable String cursor) {
    var position = decode(cursor);
    if (position == null) {
      return null;
    }
    try {
      return Long.parseLong(position);
    } catch (NumberFormatException e) {
      throw invalid();
    }
  }

  private static InvalidRequestException invalid() {
    return new InvalidRequestException(
        "cursor",
        "is not a cursor of this list: pass the nextCursor of the previous page unchanged, or"
            + " leave it out for the first page");
  }
}
