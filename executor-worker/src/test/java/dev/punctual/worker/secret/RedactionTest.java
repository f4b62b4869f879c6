package dev.punctual.worker.secret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.json.Json;
import dev.punctual.worker.Fires;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class RedactionTest {

  private final Redaction redaction = new Redaction(List.of("s3cr3t", "s3cr3t-longer", ""));

  @Test
  void replacesEveryOccurrenceLongestValueFirst() {
    assertThat(redaction.text("a s3cr3t-longer and a s3cr3t, s3cr3ts3cr3t"))
        .isEqualTo("a ****** and a ******, ************");
    assertThat(redaction.text("nothing to hide")).isEqualTo("nothing to hide");
  }

  @Test
  void redactsTheErrorAndEveryTextOfTheDetailOfAResultKeepingTheRest() {
    var fire = Fires.aFire("job", HttpTarget.post("https://example.com/"));
    var detail = JsonNodeFactory.instance.objectNode().put("httpStatus", 401);
    detail.put("body", "{\"echo\":\"Bearer s3cr3t\"}");
    detail.putArray("list").add("s3cr3t").add(7);
    detail.putObject("nested").put("s3cr3t-key", "x s3cr3t");
    var at = Instant.parse("2027-01-01T00:00:00Z");
    var result = ExecutionFinished.failedPermanently(fire, "w", at, at, detail, "HTTP 401: s3cr3t");

    var redacted = redaction.result(result);

    assertThat(redacted.error()).isEqualTo("HTTP 401: ******");
    assertThat(redacted.retryable()).isFalse();
    assertThat(redacted.fireId()).isEqualTo(result.fireId());
    assertThat(Json.toText(redacted.detail()))
        .isEqualTo(
            "{\"httpStatus\":401,\"body\":\"{\\\"echo\\\":\\\"Bearer ******\\\"}\","
                + "\"list\":[\"******\",7],\"nested\":{\"s3cr3t-key\":\"x ******\"}}");
    assertThat(result.error()).isEqualTo("HTTP 401: s3cr3t");
  }

  @Test
  void anExceptionKeepsItsClassesAndStackButNotTheValues() {
    var cause = new IllegalArgumentException("invalid URI https://s3cr3t/");
    var failure = new IllegalStateException("wrapped: s3cr3t", cause);

    var redacted = redaction.exception(failure);

    assertThat(redacted.getMessage()).isEqualTo("java.lang.IllegalStateException: wrapped: ******");
    assertThat(redacted.getCause().getMessage())
        .isEqualTo("java.lang.IllegalArgumentException: invalid URI https://******/");
    assertThat(redacted.getStackTrace()).isEqualTo(failure.getStackTrace());
    assertThat(Redaction.NONE.exception(failure)).isSameAs(failure);
  }

  @Test
  void anExceptionWhoseSecretsAreUnknownKeepsItsClassesAndStackButNoMessage() {
    var cause = new IllegalArgumentException("invalid URI https://s3cr3t/");
    var failure = new AssertionError("wrapped: s3cr3t", cause);

    var withheld = Redaction.withoutMessages(failure);

    assertThat(withheld.getMessage())
        .startsWith("java.lang.AssertionError: ")
        .doesNotContain("s3cr3t");
    assertThat(withheld.getCause().getMessage())
        .startsWith("java.lang.IllegalArgumentException: ")
        .doesNotContain("s3cr3t");
    assertThat(withheld.getStackTrace()).isEqualTo(failure.getStackTrace());
  }
}
