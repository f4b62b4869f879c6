package dev.punctual.api.proxy;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads the chain of hops a request passed through from its {@code Forwarded} header (RFC 7239),
 * or, when it has none, from {@code X-Forwarded-For}, left (the first proxy's client) to right (the
 * last proxy's client). Every line of a repeated header counts, in order.
 *
 * <p>Written by hand because neither mechanism at hand does what is needed: Tomcat's {@code
 * RemoteIpValve} finds the right-most untrusted hop but knows only {@code X-Forwarded-For}, and
 * Spring's {@code ForwardedHeaderFilter} reads {@code Forwarded} but believes its left-most {@code
 * for}, which any client can write. The grammar is small: elements separated by commas, pairs by
 * semicolons, values tokens or quoted strings with backslash escapes.
 */
final class ForwardedHeaders {

  static final String FORWARDED = "Forwarded";
  static final String X_FORWARDED_FOR = "X-Forwarded-For";
  static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";

  private ForwardedHeaders() {}

  /** The hops of {@code request}, empty when it carries neither header. */
  static List<Hop> hops(HttpServletRequest request) {
    var forwarded = joined(request, FORWARDED);
    if (forwarded != null) {
      return forwarded(forwarded);
    }
    var forwardedFor = joined(request, X_FORWARDED_FOR);
    if (forwardedFor == null) {
      return List.of();
    }
    var hops = new ArrayList<Hop>();
    for (var node : forwardedFor.split(",")) {
      if (!node.isBlank()) {
        hops.add(new Hop(node.strip(), null));
      }
    }
    return hops;
  }

  /**
   * The scheme {@code X-Forwarded-Proto} names: {@code https} when every value it lists is {@code
   * https} (as Tomcat's {@code RemoteIpValve} decides), else {@code http}; {@code null} without it.
   */
  static @Nullable String forwardedProto(HttpServletRequest request) {
    var proto = joined(request, X_FORWARDED_PROTO);
    if (proto == null) {
      return null;
    }
    for (var value : proto.split(",")) {
      if (!value.strip().equalsIgnoreCase("https")) {
        return "http";
      }
    }
    return "https";
  }

  /** The {@code for} and {@code proto} of each element of a {@code Forwarded} value. */
  static List<Hop> forwarded(String value) {
    var hops = new ArrayList<Hop>();
    for (var element : split(value, ',')) {
      String node = null;
      String proto = null;
      for (var pair : split(element, ';')) {
        int equals = pair.indexOf('=');
        if (equals <= 0) {
          continue;
        }
        var name = pair.substring(0, equals).strip().toLowerCase(Locale.ROOT);
        var parameter = unquote(pair.substring(equals + 1).strip());
        if (name.equals("for")) {
          node = parameter;
        } else if (name.equals("proto")) {
          proto = parameter.toLowerCase(Locale.ROOT);
        }
      }
      // An element without "for" still marks a hop whose client is not known.
      hops.add(new Hop(node == null ? "unknown" : node, proto));
    }
    return hops.isEmpty() ? List.of() : Collections.unmodifiableList(hops);
  }

  /** Splits at {@code separator} outside quoted strings; blank parts are dropped. */
  private static List<String> split(String value, char separator) {
    var parts = new ArrayList<String>();
    var part = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (quoted && c == '\\' && i + 1 < value.length()) {
        part.append(c).append(value.charAt(++i));
        continue;
      }
      if (c == '"') {
        quoted = !quoted;
      }
      if (c == separator && !quoted) {
        addIfNotBlank(parts, part);
        part.setLength(0);
      } else {
        part.append(c);
      }
    }
    addIfNotBlank(parts, part);
    return parts;
  }

  private static void addIfNotBlank(List<String> parts, StringBuilder part) {
    if (!part.toString().isBlank()) {
      parts.add(part.toString().strip());
    }
  }

  private static String unquote(String value) {
    if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
      return value;
    }
    var plain = new StringBuilder();
    for (int i = 1; i < value.length() - 1; i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length() - 1) {
        c = value.charAt(++i);
      }
      plain.append(c);
    }
    return plain.toString();
  }

  private static @Nullable String joined(HttpServletRequest request, String name) {
    var lines = request.getHeaders(name);
    if (lines == null || !lines.hasMoreElements()) {
      return null;
    }
    var all = String.join(",", Collections.list(lines));
    return all.isBlank() ? null : all;
  }
}
