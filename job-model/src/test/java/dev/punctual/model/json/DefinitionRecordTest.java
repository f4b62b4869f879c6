package dev.punctual.model.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.punctual.model.job.RunProgress;
import dev.punctual.model.validation.InvalidJobDefinitionException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The optional {@code progress} of a definition's record on the jobs topic. */
class DefinitionRecordTest {

  private static final String JOB =
      """
      {"id": "j", "schedule": {"every": "PT10S"}, "target": {"type": "http", "url": "https://example.com"}%s}
      """;

  @Test
  void aRecordWithoutProgressStillParses() {
    var parsed = JobDefinitionCodec.parseRecord(bytes(JOB.formatted("")), "j");

    assertThat(parsed.progress()).isNull();
    assertThat(parsed.definition().id()).isEqualTo("j");
  }

  @Test
  void theProgressSurvivesTheRoundTripAndTheDefinitionIgnoresIt() {
    var definition = JobDefinitionCodec.parse(bytes(JOB.formatted("")), null);
    var progress = new RunProgress(3, Instant.parse("2027-01-01T00:00:30.123456Z"), true);

    var record = JobDefinitionCodec.toBytes(definition, progress);
    var parsed = JobDefinitionCodec.parseRecord(record, "j");

    assertThat(parsed.definition()).isEqualTo(definition);
    assertThat(parsed.progress())
        .isEqualTo(new RunProgress(3, Instant.parse("2027-01-01T00:00:30.123Z"), true));
    assertThat(JobDefinitionCodec.parse(record, null)).isEqualTo(definition);
  }

  @Test
  void unusableProgressNamesTheFieldAtFault() {
    assertThatThrownBy(
            () ->
                JobDefinitionCodec.parseRecord(
                    bytes(JOB.formatted(", \"progress\": {\"runCount\": -2}")), "j"))
        .isInstanceOf(InvalidJobDefinitionException.class)
        .hasMessageContaining("progress.runCount");
    assertThatThrownBy(
            () ->
                JobDefinitionCodec.parseRecord(
                    bytes(JOB.formatted(", \"progress\": {\"lastScheduledAt\": \"soon\"}")), "j"))
        .isInstanceOf(InvalidJobDefinitionException.class)
        .hasMessageContaining("progress.lastScheduledAt");
    assertThatThrownBy(
            () -> JobDefinitionCodec.parseRecord(bytes(JOB.formatted(", \"progress\": 3")), "j"))
        .isInstanceOf(InvalidJobDefinitionException.class)
        .hasMessageContaining("progress");
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
