package dev.punctual.api.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.punctual.api.system.PreconditionFailedException;
import dev.punctual.api.testing.Jobs;
import dev.punctual.model.json.JobDefinitionCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PreconditionsTest {

  private static final JobRow AT_VERSION_3 = job(3);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"3\"",
        "*",
        "\"1\", \"3\"",
        " \"3\" ",
        "\"2\",\"3\"",
        "\"3-5f2a9c0e1b7d4a66\"",
        "\"3-0000000000000000\"",
        "\"2-5f2a9c0e1b7d4a66\", \"3-1111111111111111\""
      })
  void ifMatchHoldsForTheCurrentVersionWhateverTheDigestOrAnyVersion(String ifMatch) {
    assertThatCode(() -> new Preconditions(ifMatch, null).check("j", AT_VERSION_3))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"2\"",
        "W/\"3\"",
        "3",
        "\"33\"",
        "\"\"",
        "\"2-5f2a9c0e1b7d4a66\"",
        "\"33-1\"",
        "W/\"3-5f2a9c0e1b7d4a66\"",
        "3-5f2a9c0e1b7d4a66"
      })
  void ifMatchFailsForAnotherOrAWeakOrMalformedTag(String ifMatch) {
    assertThatThrownBy(() -> new Preconditions(ifMatch, null).check("j", AT_VERSION_3))
        .isInstanceOfSatisfying(
            PreconditionFailedException.class,
            e -> org.assertj.core.api.Assertions.assertThat(e.currentEtag()).isEqualTo("\"3\""));
  }

  @Test
  void theTagOfAnAnswerChangesWithWhatItShowsAndStartsWithTheVersion() {
    var shown = JobResponseBody.of(AT_VERSION_3, Instant.parse("2027-03-13T07:00:00Z"));
    var later = JobResponseBody.of(AT_VERSION_3, Instant.parse("2027-03-13T07:01:30Z"));

    assertThat(AT_VERSION_3.etag(shown)).matches("\"3-[0-9a-f]{16}\"");
    assertThat(AT_VERSION_3.etag(shown)).isEqualTo(AT_VERSION_3.etag(shown.deepCopy()));
    assertThat(AT_VERSION_3.etag(later))
        .as("nextRunAt moved on")
        .isNotEqualTo(AT_VERSION_3.etag(shown));
  }

  @Test
  void ifMatchFailsWhenThereIsNoJob() {
    assertThatThrownBy(() -> new Preconditions("*", null).check("j", null))
        .isInstanceOf(PreconditionFailedException.class);
  }

  @Test
  void ifNoneMatchStarFailsOnlyWhenTheJobExists() {
    assertThatCode(() -> new Preconditions(null, "*").check("j", null)).doesNotThrowAnyException();
    assertThatThrownBy(() -> new Preconditions(null, "*").check("j", AT_VERSION_3))
        .isInstanceOf(PreconditionFailedException.class);
  }

  @Test
  void noHeadersAlwaysHold() {
    assertThatCode(() -> Preconditions.NONE.check("j", AT_VERSION_3)).doesNotThrowAnyException();
    assertThatCode(() -> Preconditions.NONE.check("j", null)).doesNotThrowAnyException();
  }

  static JobRow job(long version) {
    var now = Instant.parse("2027-03-13T07:00:00Z");
    var definition =
        JobDefinitionCodec.parse(
            Jobs.definition("j", "\"every\": \"PT1M\"").getBytes(StandardCharsets.UTF_8), null);
    return new JobRow(definition.withVersion(version, now, now), null, null, 0);
  }
}
