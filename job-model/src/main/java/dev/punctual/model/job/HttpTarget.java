package dev.punctual.model.job;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.punctual.model.validation.Violations;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP call. A 2xx answer is a success; anything else, or no answer within {@code timeout}, is a
 * failure that the job's retry policy may retry.
 *
 * <p>The URL, the header values and the body may hold placeholders ({@code {{param.NAME}}}, {@code
 * {{fire.id}}}, {@code {{secret.NAME}}} …), which the worker resolves when it executes a fire
 * ({@link Placeholders}); a value it places into the URL is percent-encoded, so it always stays one
 * host name, path segment or query value.
 *
 * @param method HTTP method, upper case; {@code POST} when absent
 * @param url absolute {@code http} or {@code https} URL; valid as it stands and with each
 *     placeholder read as a plain word (so a placeholder may fill the host, a path segment or a
 *     query value, but not the scheme)
 * @param headers request headers; Punctual adds {@code Idempotency-Key} and {@code X-Punctual-*}
 *     itself, so a definition may not set those
 * @param body request body, sent as UTF-8; none when absent
 * @param timeout how long to wait for the whole response; {@link #DEFAULT_TIMEOUT} when absent
 */
@JsonPropertyOrder({"type", "method", "url", "headers", "body", "timeout"})
public record HttpTarget(
    String method, String url, Map<String, String> headers, @Nullable String body, Duration timeout)
    implements Target {

  public static final String TYPE = "http";
  public static final String DEFAULT_METHOD = "POST";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** Methods a target may use. */
  public static final Set<String> METHODS =
      Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

  /**
   * Headers the worker sets on every call, or that the HTTP client controls; a definition that sets
   * one of these is refused rather than silently overridden.
   */
  public static final Set<String> RESERVED_HEADERS =
      Set.of(
          "idempotency-key",
          "x-punctual-job-id",
          "x-punctual-scheduled-at",
          "x-punctual-attempt",
          "connection",
          "content-length",
          "expect",
          "host",
          "upgrade");

  /** What a placeholder stands for while the URL's shape is checked. */
  private static final String STAND_IN = "placeholder";

  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  public HttpTarget {
    method = method == null ? DEFAULT_METHOD : method.toUpperCase(Locale.ROOT);
    headers = headers == null ? Map.of() : immutableSorted(headers);
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    var violations = new Violations();
    violations.check(
        METHODS.contains(method),
        "method",
        "'" + method + "' is not supported; use one of " + String.join(", ", sorted(METHODS)));
    checkUrl(url, violations);
    headers.forEach((name, value) -> checkHeader(name, value, violations));
    Placeholders.checkSecretNames(body, "body", violations);
    violations.check(
        !timeout.isNegative() && !timeout.isZero(), "timeout", "must be a positive duration");
    violations.throwIfAny();
  }

  /** A {@code POST} without body or headers and the default timeout. */
  public static HttpTarget post(String url) {
    return new HttpTarget(DEFAULT_METHOD, url, Map.of(), null, DEFAULT_TIMEOUT);
  }

  @Override
  @JsonProperty("type")
  public String type() {
    return TYPE;
  }

  /**
   * The URL as a {@link URI}; always valid, since the constructor checked it.
   *
   * @throws IllegalStateException when the URL holds placeholders: only the worker resolves them,
   *     into a target of its own
   */
  @JsonIgnore
  public URI uri() {
    if (Placeholders.in(url).stream().anyMatch(Placeholders.Placeholder::isResolvable)) {
      throw new IllegalStateException(
          "the URL holds {{…}} placeholders; resolve them before calling it");
    }
    return URI.create(url);
  }

  private static void checkUrl(@Nullable String url, Violations violations) {
    if (url == null || url.isBlank()) {
      violations.add("url", "is required");
      return;
    }
    Placeholders.checkSecretNames(url, "url", violations);
    try {
      // A placeholder may stand for a host, a path segment or a query value: check the URL's shape
      // with each one read as a plain word.
      var uri = new URI(Placeholders.replace(url, p -> p.isResolvable() ? STAND_IN : null));
      var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      violations.check(
          scheme.equals("http") || scheme.equals("https"),
          "url",
          "'" + url + "' must be an absolute http:// or https:// URL");
      violations.check(
          uri.getHost() != null && !uri.getHost().isBlank(),
          "url",
          "'" + url + "' has no host name");
    } catch (URISyntaxException e) {
      violations.add("url", "'" + url + "' is not a valid URL: " + e.getReason());
    }
  }

  private static void checkHeader(String name, String value, Violations violations) {
    var field = "headers." + name;
    if (!HEADER_NAME.matcher(name).matches()) {
      violations.add(field, "'" + name + "' is not a valid HTTP header name");
    } else if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
      violations.add(field, "'" + name + "' is set by Punctual or the HTTP client; remove it");
    }
    violations.check(
        value != null && value.indexOf('\r') < 0 && value.indexOf('\n') < 0,
        field,
        "header values must be single-line strings");
    Placeholders.checkSecretNames(value, field, violations);
  }

  private static Map<String, String> immutableSorted(Map<String, String> headers) {
    return Collections.unmodifiableMap(new TreeMap<>(headers));
  }

  private static List<String> sorted(Set<String> values) {
    return values.stream().sorted().toList();
  }
}
