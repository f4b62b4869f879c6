package dev.punctual.worker.secret;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encodes a value placed into a URL: every character but the unreserved ones of RFC 3986
 * (letters, digits, {@code -}, {@code .}, {@code _}, {@code ~}) becomes {@code %XX} of its UTF-8
 * bytes. One rule for every position, because it is valid in each: a value stays exactly one host
 * name, path segment or query value and can never add a {@code /}, {@code ?}, {@code &}, {@code #}
 * or {@code @} that changes where the call goes. The JDK's form encoder does the work; only its
 * form-specific choices (space as {@code +}, {@code *} kept, {@code ~} encoded) are undone.
 */
final class UrlValues {

  private UrlValues() {}

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("*", "%2A")
        .replace("%7E", "~");
  }
}
