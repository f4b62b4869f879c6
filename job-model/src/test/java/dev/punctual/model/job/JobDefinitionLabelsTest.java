package dev.punctual.model.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.json.JobDefinitionCodec;
import dev.punctual.model.schedule.Schedule;
import dev.punctual.model.validation.FieldError;
import dev.punctual.model.validation.InvalidJobDefinitionException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code labels}: up to 32 keys of 1 to 63 of {@code [a-z0-9._/-]}, values of at most 255. */
class JobDefinitionLabelsTest {

  private static final String KEY_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789._/-";
  private static final String OTHER_CHARACTERS = "ABCZ :@#é\t{}*";

  @Test
  void validLabelsAreKeptSortedAndSurviveARoundTrip() {
    var job = aJob(Map.of("team", "payments", "app.kubernetes.io/name", "billing", "tier-1", ""));

    assertThat(job.labels().keySet()).containsExactly("app.kubernetes.io/name", "team", "tier-1");
    assertThat(JobDefinitionCodec.parse(JobDefinitionCodec.toBytes(job), null)).isEqualTo(job);
  }

  @Test
  void noLabelsAreNotWritten() {
    var json = new String(JobDefinitionCodec.toBytes(aJob(Map.of())), StandardCharsets.UTF_8);

    assertThat(json).doesNotContain("labels");
  }

  @Test
  void generatedKeysAreValidExactlyWhenTheyFollowTheRule() {
    long seed = new Random().nextLong();
    var random = new Random(seed);
    for (int i = 0; i < 500; i++) {
      var key = randomKey(random);
      var errors = errorsOf(Map.of(key, "v"));
      if (followsTheRule(key)) {
        assertThat(errors).as("seed %d, key '%s'", seed, key).isEmpty();
      } else {
        assertThat(errors)
            .as("seed %d, key '%s'", seed, key)
            .singleElement()
            .satisfies(
                error -> {
                  assertThat(error.field()).isEqualTo("labels");
                  assertThat(error.message()).contains("is not a valid label key");
                });
      }
    }
  }

  @Test
  void generatedValuesAreValidUpTo255Characters() {
    long seed = new Random().nextLong();
    var random = new Random(seed);
    for (int i = 0; i < 100; i++) {
      int length = random.nextInt(400);
      var errors = errorsOf(Map.of("team", "x".repeat(length)));
      if (length <= 255) {
        assertThat(errors).as("seed %d, length %d", seed, length).isEmpty();
      } else {
        assertThat(errors)
            .as("seed %d, length %d", seed, length)
            .singleElement()
            .satisfies(
                error -> {
                  assertThat(error.field()).isEqualTo("labels.team");
                  assertThat(error.message()).contains("at most 255 characters");
                });
      }
    }
  }

  @Test
  void atMost32Labels() {
    assertThat(errorsOf(labels(32))).isEmpty();
    assertThat(errorsOf(labels(33)))
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.field()).isEqualTo("labels");
              assertThat(error.message()).contains("at most 32 entries");
            });
  }

  @Test
  void anInvalidLabelInJsonIsReportedWithItsPath() {
    var json =
        """
        {"id":"a","schedule":{"every":"PT5S"},"target":{"type":"http","url":"http://a"},
         "labels":{"Team":"x","ok":"%s"}}"""
            .formatted("y".repeat(256));

    try {
      JobDefinitionCodec.parse(json.getBytes(StandardCharsets.UTF_8), null);
      throw new AssertionError("expected the labels to be refused");
    } catch (InvalidJobDefinitionException e) {
      assertThat(e.errors())
          .extracting(FieldError::field)
          .containsExactlyInAnyOrder("labels", "labels.ok");
    }
  }

  /** The rule, written out character by character rather than as the production pattern. */
  private static boolean followsTheRule(String key) {
    if (key.isEmpty() || key.length() > 63) {
      return false;
    }
    return key.chars().allMatch(ch -> KEY_CHARACTERS.indexOf(ch) >= 0);
  }

  private static String randomKey(Random random) {
    int length = random.nextInt(10) == 0 ? 60 + random.nextInt(8) : random.nextInt(12);
    var key = new StringBuilder();
    for (int i = 0; i < length; i++) {
      var alphabet = random.nextInt(20) == 0 ? OTHER_CHARACTERS : KEY_CHARACTERS;
      key.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return key.toString();
  }

  private static Map<String, String> labels(int count) {
    var labels = new HashMap<String, String>();
    for (int i = 0; i < count; i++) {
      labels.put("key-" + i, "value");
    }
    return labels;
  }

  private static List<FieldError> errorsOf(Map<String, String> labels) {
    try {
      aJob(labels);
      return List.of();
    } catch (InvalidJobDefinitionException e) {
      return e.errors();
    }
  }

  private static JobDefinition aJob(Map<String, String> labels) {
    return JobDefinition.of(
            "a", null, Schedule.Interval.of(Duration.ofSeconds(5)), HttpTarget.post("http://a"))
        .withLabels(labels);
  }
}
