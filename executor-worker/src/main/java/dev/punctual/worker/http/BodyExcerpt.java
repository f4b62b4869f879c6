package dev.punctual.worker.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.hc.core5.http.HttpEntity;
import org.jspecify.annotations.Nullable;

/**
 * The first bytes of a response body.
 *
 * @param bytes at most the limit the body was read with
 * @param truncated whether the body was longer than that
 */
record BodyExcerpt(byte[] bytes, boolean truncated) {

  /** The excerpt as text; bytes that are not valid UTF-8 become replacement characters. */
  String text() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * Reads the first {@code limit} bytes of {@code entity} (none when there is none) and one more,
   * to tell whether the body is longer; never reads further, so a huge answer costs no more than
   * the excerpt. The stream is left open: closing it would read the rest of a longer body (to reuse
   * the connection), so the caller cancels a truncated call instead.
   */
  static BodyExcerpt read(@Nullable HttpEntity entity, int limit) throws IOException {
    if (entity == null) {
      return new BodyExcerpt(new byte[0], false);
    }
    var bytes = entity.getContent().readNBytes(limit + 1);
    return bytes.length > limit
        ? new BodyExcerpt(Arrays.copyOf(bytes, limit), true)
        : new BodyExcerpt(bytes, false);
  }
}
