package dev.punctual.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.client.PunctualApiException.Kind;
import dev.punctual.model.validation.FieldError;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProblemsTest {

  private static final Instant NOW = Instant.parse("2027-03-01T12:00:00Z");

  @Test
  void anInvalidDefinitionKeepsTitleDetailAndTheFieldsAtFault() {
    var body =
        """
        {"type":"about:blank","title":"Invalid job definition","status":400,
         "detail":"The job definition is invalid: schedule.cron: has 4 fields.",
         "instance":"/jobs",
         "errors":[{"field":"schedule.cron","message":"has 4 fields"},
                   {"field":"target.url","message":"is required"}]}
        """;

    var e = Problems.toException(400, headers(Map.of()), bytes(body), NOW);

    assertThat(e.kind()).isEqualTo(Kind.INVALID_REQUEST);
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.title()).isEqualTo("Invalid job definition");
    assertThat(e.detail()).isEqualTo("The job definition is invalid: schedule.cron: has 4 fields.");
    assertThat(e.problem().instance()).isEqualTo("/jobs");
    assertThat(e.errors())
        .containsExactly(
            new FieldError("schedule.cron", "has 4 fields"),
            new FieldError("target.url", "is required"));
    assertThat(e.retryAfter()).isEmpty();
    assertThat(e).hasMessageContaining("400").hasMessageContaining("has 4 fields");
  }

  @Test
  void aForbiddenAnswerNamesTheMissingScope() {
    var body =
        """
        {"title":"Forbidden","status":403,"detail":"This request needs the scope jobs:write.",
         "requiredScope":"jobs:write"}
        """;

    var e = Problems.toException(403, headers(Map.of()), bytes(body), NOW);

    assertThat(e.kind()).isEqualTo(Kind.FORBIDDEN);
    assertThat(e.requiredScope()).contains("jobs:write");
    assertThat(e.problem().extensions()).containsOnlyKeys("requiredScope");
    assertThat(e.errors()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "400, INVALID_REQUEST",
    "401, UNAUTHORIZED",
    "403, FORBIDDEN",
    "404, NOT_FOUND",
    "409, CONFLICT",
    "412, PRECONDITION_FAILED",
    "422, UNPROCESSABLE",
    "429, RATE_LIMITED",
    "503, UNAVAILABLE",
    "500, OTHER",
    "418, OTHER"
  })
  void theKindFollowsTheStatusOfTheAnswerNotOfTheBody(int status, Kind kind) {
    var e =
        Problems.toException(
            status, headers(Map.of()), bytes("{\"title\":\"x\",\"status\":200}"), NOW);

    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.status()).isEqualTo(status);
  }

  @Test
  void aRateLimitedAnswerSaysHowLongToWait() {
    var e =
        Problems.toException(
            429,
            headers(Map.of("Retry-After", "7")),
            bytes("{\"title\":\"Too many requests\",\"status\":429,\"detail\":\"Slow down.\"}"),
            NOW);

    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
  }

  @Test
  void retryAfterMayBeAnHttpDate() {
    assertThat(
            Problems.retryAfter(
                headers(Map.of("Retry-After", "Mon, 01 Mar 2027 12:00:30 GMT")), NOW))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(
            Problems.retryAfter(
                headers(Map.of("Retry-After", "Mon, 01 Mar 2027 11:00:00 GMT")), NOW))
        .isEqualTo(Duration.ZERO);
    assertThat(Problems.retryAfter(headers(Map.of("Retry-After", "soon")), NOW)).isNull();
    assertThat(Problems.retryAfter(headers(Map.of()), NOW)).isNull();
  }

  @Test
  void anAnswerThatIsNoProblemStillBecomesOneWithTheStartOfItsBody() {
    var html = "<html><body>" + "bad gateway ".repeat(100) + "</body></html>";

    var e = Problems.toException(502, headers(Map.of()), bytes(html), NOW);

    assertThat(e.kind()).isEqualTo(Kind.OTHER);
    assertThat(e.title()).isEqualTo("Bad Gateway");
    assertThat(e.detail()).startsWith("<html><body>bad gateway").endsWith("…");
    assertThat(e.detail().length()).isLessThanOrEqualTo(501);

    var empty = Problems.toException(404, headers(Map.of()), new byte[0], NOW);
    assertThat(empty.kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(empty.title()).isEqualTo("Not Found");
    assertThat(empty.detail()).isEqualTo("the answer had no body");
  }

  @Test
  void anyBodyMapsToAnExceptionWithTheAnswersStatus() {
    var random = new Random(20270301L);
    var fragments =
        List.of(
            "{",
            "}",
            "[",
            "]",
            "\"title\":",
            "\"errors\":",
            "\"detail\":",
            "null",
            "1",
            "\"x\"",
            ",",
            ":",
            "{\"field\":\"a\"}",
            "\"status\":\"nope\"",
            "\u00e9",
            "\\",
            "\"");
    for (int i = 0; i < 2_000; i++) {
      var body = new StringBuilder();
      if (random.nextBoolean()) {
        var raw = new byte[random.nextInt(40)];
        random.nextBytes(raw);
        body.append(new String(raw, StandardCharsets.ISO_8859_1));
      } else {
        for (int n = random.nextInt(12); n > 0; n--) {
          body.append(fragments.get(random.nextInt(fragments.size())));
        }
      }
      int status = 400 + random.nextInt(200);

      var e = Problems.toException(status, headers(Map.of()), bytes(body.toString()), NOW);

      assertThat(e.status()).as("case %d: %s", i, body).isEqualTo(status);
      assertThat(e.title()).as("case %d", i).isNotBlank();
      assertThat(e.detail()).as("case %d", i).isNotNull();
      assertThat(e.kind()).isEqualTo(Kind.of(status));
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static HttpHeaders headers(Map<String, String> values) {
    var map = new java.util.HashMap<String, List<String>>();
    values.forEach((k, v) -> map.put(k, List.of(v)));
    return HttpHeaders.of(map, (k, v) -> true);
  }
}
