package dev.punctual.client;

import dev.punctual.model.json.Json;
import dev.punctual.model.validation.FieldError;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Turns an error answer into a {@link PunctualApiException}. The API answers every refusal as
 * problem+json; an answer that is not one (a proxy's HTML page, an empty body) still becomes a
 * problem, with the status's reason as title and the start of the body as detail, so callers handle
 * one exception type.
 */
final class Problems {

  private static final Set<String> MEMBERS =
      Set.of("type", "title", "status", "detail", "instance", "errors");
  private static final int MAX_DETAIL = 500;

  private Problems() {}

  /**
   * The exception for an answer with {@code status}.
   *
   * @param now the time a {@code Retry-After} given as an HTTP date is counted from
   */
  static PunctualApiException toException(
      int status, HttpHeaders headers, byte[] body, Instant now) {
    return new PunctualApiException(problem(status, body), retryAfter(headers, now));
  }

  static Problem problem(int status, byte[] body) {
    JsonNode tree = null;
    try {
      tree = body.length == 0 ? null : Json.MAPPER.readTree(body);
    } catch (JacksonException e) {
      // Not JSON: described below from the raw text.
    }
    if (tree == null || !tree.isObject()) {
      return new Problem(
          "about:blank", reason(status), status, excerpt(body), null, List.of(), Map.of());
    }
    return problem(status, tree, excerpt(body));
  }

  /** The problem {@code tree}, an object, answered with {@code status}. */
  static Problem problem(int status, JsonNode tree) {
    return problem(status, tree, reason(status));
  }

  private static Problem problem(int status, JsonNode tree, String fallbackDetail) {
    var extensions = new LinkedHashMap<String, JsonNode>();
    for (var member : tree.properties()) {
      if (!MEMBERS.contains(member.getKey())) {
        extensions.put(member.getKey(), member.getValue());
      }
    }
    return new Problem(
        text(tree, "type", "about:blank"),
        text(tree, "title", reason(status)),
        status,
        text(tree, "detail", fallbackDetail),
        optionalText(tree, "instance"),
        fieldErrors(tree.get("errors")),
        extensions);
  }

  /**
   * The {@code Retry-After} header as a duration: delay-seconds or an HTTP date (RFC 9110 §10.2.3);
   * {@code null} when absent or unreadable. A date in the past means no wait.
   */
  static @Nullable Duration retryAfter(HttpHeaders headers, Instant now) {
    var value = headers.firstValue("Retry-After").map(String::trim).orElse(null);
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (value.chars().allMatch(Character::isDigit)) {
      try {
        return Duration.ofSeconds(Long.parseLong(value));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    try {
      var at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static List<FieldError> fieldErrors(@Nullable JsonNode errors) {
    var list = new ArrayList<FieldError>();
    if (errors == null || !errors.isArray()) {
      return list;
    }
    for (var error : errors) {
      if (error.isObject()) {
        list.add(new FieldError(text(error, "field", ""), text(error, "message", "")));
      }
    }
    return list;
  }

  private static String text(JsonNode tree, String field, String fallback) {
    var value = optionalText(tree, field);
    return value == null ? fallback : value;
  }

  private static @Nullable String optionalText(JsonNode tree, String field) {
    var value = tree.get(field);
    return value == null || value.isNull() || value.isContainer() ? null : value.asString();
  }

  private static String excerpt(byte[] body) {
    var text = new String(body, StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      return "the answer had no body";
    }
    return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "…";
  }

  /** The reason phrase of the statuses the API answers, for answers without a problem body. */
  static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 412 -> "Precondition Failed";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "HTTP " + status;
    };
  }
}
