package dev.punctual.api.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.json.JobDefinitionCodec;
import dev.punctual.model.validation.FieldError;
import dev.punctual.model.validation.InvalidJobDefinitionException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaskedHeadersTest {

  private static JobDefinition withHeaders(String headersJson) {
    var json =
        """
        {"id":"j","schedule":{"every":"PT1M"},
         "target":{"type":"http","url":"https://example.com","headers":%s}}
        """
            .formatted(headersJson);
    return JobDefinitionCodec.parse(json.getBytes(StandardCharsets.UTF_8), "j");
  }

  private static Map<String, String> headers(JobDefinition definition) {
    return ((HttpTarget) definition.target()).headers();
  }

  @Test
  void answersShowInlineCredentialsMaskedAndEverythingElseAsWritten() {
    var stored =
        withHeaders(
            "{\"authorization\":\"Bearer abc\",\"X-Api-Key\":\"{{secret.KEY}}\",\"X-Trace\":\"1\"}");

    assertThat(headers(MaskedHeaders.shown(stored)))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("authorization", "******", "X-Api-Key", "{{secret.KEY}}", "X-Trace", "1"));
  }

  @Test
  void theMaskSentBackTakesTheStoredValueWhateverTheCaseOfItsName() {
    var stored = withHeaders("{\"Authorization\":\"Bearer abc\",\"Cookie\":\"s=1\"}");
    var sent = withHeaders("{\"authorization\":\"******\",\"Cookie\":\"s=2\"}");

    var restored = MaskedHeaders.restored(sent, stored);

    assertThat(headers(restored))
        .containsExactlyInAnyOrderEntriesOf(Map.of("authorization", "Bearer abc", "Cookie", "s=2"));
  }

  @Test
  void theMaskOfAHeaderWithoutStoredValueIsAFieldError() {
    var stored = withHeaders("{\"Authorization\":\"Bearer abc\"}");
    var sent = withHeaders("{\"Authorization\":\"******\",\"Proxy-Authorization\":\"******\"}");

    assertThatThrownBy(() -> MaskedHeaders.restored(sent, stored))
        .isInstanceOf(InvalidJobDefinitionException.class)
        .extracting(e -> ((InvalidJobDefinitionException) e).errors())
        .satisfies(
            errors ->
                assertThat(errors.stream().map(FieldError::field))
                    .containsExactly("target.headers.Proxy-Authorization"));
    assertThatThrownBy(() -> MaskedHeaders.restored(sent, null))
        .isInstanceOf(InvalidJobDefinitionException.class);
  }

  @Test
  void sixStarsInAnOrdinaryHeaderAreAValueLikeAnyOther() {
    var sent = withHeaders("{\"X-Stars\":\"******\"}");

    assertThat(MaskedHeaders.sendsMask(sent)).isFalse();
    assertThat(MaskedHeaders.restored(sent, null)).isSameAs(sent);
    assertThat(MaskedHeaders.shown(sent)).isSameAs(sent);
  }
}
