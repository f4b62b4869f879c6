package dev.punctual.model.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link Json#MAPPER} with its fast instants reads and writes instants exactly as Jackson alone
 * does: the same text out, the same instant in, and the same refusal (exception type) for bad
 * input, over generated values (seeded).
 */
class InstantModuleTest {

  private static final long SEED = 20261205L;
  private static final JsonMapper JACKSON =
      JsonMapper.builder()
          .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DateTimeFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
          .build();

  record At(Instant at) {}

  @Test
  void writesWhatJacksonWrites() {
    var random = new Random(SEED);
    for (int i = 0; i < 20_000; i++) {
      var at =
          new At(Instant.ofEpochMilli(random.nextLong(-62_000_000_000_000L, 253_000_000_000_000L)));
      assertThat(Json.toText(at))
          .as("seed %d case %d", SEED, i)
          .isEqualTo(JACKSON.writeValueAsString(at));
    }
  }

  @Test
  void readsAndRefusesWhatJacksonReadsAndRefuses() {
    var random = new Random(SEED + 1);
    var alphabet = "0123456789-T:.Z+ ".toCharArray();
    for (int i = 0; i < 20_000; i++) {
      var text =
          new StringBuilder(
              Instant.ofEpochMilli(random.nextLong(0, 253_000_000_000_000L)).toString());
      for (int edits = random.nextInt(0, 3); edits > 0 && !text.isEmpty(); edits--) {
        text.setCharAt(random.nextInt(text.length()), alphabet[random.nextInt(alphabet.length)]);
      }
      var json =
          random.nextInt(10) == 0
              ? "{\"at\":" + random.nextLong(0, 2_000_000_000L) + "}"
              : "{\"at\":\"" + text + "\"}";
      assertThat(outcome(Json.MAPPER, json))
          .as("seed %d case %d: %s", SEED + 1, i, json)
          .isEqualTo(outcome(JACKSON, json));
    }
  }

  private static Object outcome(JsonMapper mapper, String json) {
    try {
      return mapper.readValue(json, At.class);
    } catch (RuntimeException e) {
      return e.getClass();
    }
  }
}
