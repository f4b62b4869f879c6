package dev.punctual.api.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.api.testing.ApiIntegrationTest;
import dev.punctual.api.testing.Jobs;
import dev.punctual.model.topic.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Generated bad records on every topic the API projects (jobs, fires, results, missed): random
 * bytes, truncated JSON, JSON of another shape, empty values, missing keys. No projection stops:
 * each bad record is skipped and counted ({@code punctual.api.projection.skipped}), and good
 * records written after them are projected. (The scheduler and the worker dead-letter these
 * records; the API does not do it a second time.) A failure prints the seed; {@code
 * -Dpunctual.fuzz.seed=<seed>} writes the very same records again.
 */
class BadRecordsIT extends ApiIntegrationTest {

  private static final int PER_TOPIC = 40;
  private static final List<String> ODD_JSON =
      List.of("5", "\"x\"", "[]", "true", "{}", "1e400", "[{}]", "{\"jobId\":5}");

  @Autowired MeterRegistry meters;

  @Test
  void everyProjectionSkipsWhatItCannotReadAndGoesOn() {
    long seed = Long.getLong("punctual.fuzz.seed", new SecureRandom().nextLong());
    var random = new SplittableRandom(seed);
    var topics = Topics.DEFAULT;
    var names =
        List.of(
            topics.jobs().name(),
            topics.fires().name(),
            topics.results().name(),
            topics.missed().name());
    Map<String, Double> before = new HashMap<>();
    names.forEach(topic -> before.put(topic, skipped(topic)));

    for (var topic : names) {
      for (int i = 0; i < PER_TOPIC; i++) {
        // The broker refuses a record without key on the (compacted) jobs topic.
        var keyless = random.nextInt(5) == 0 && !topic.equals(topics.jobs().name());
        var key = keyless ? null : "fuzz-" + random.nextInt(1_000);
        records().send(topic, key, badValue(random));
      }
    }
    var good = "good-" + UUID.randomUUID();
    records().sendText(topics.jobs().name(), good, Jobs.definition(good, "\"every\": \"PT1H\""));

    var seedNote = "seed " + seed + " (rerun with -Dpunctual.fuzz.seed=" + seed + ")";
    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () -> {
              for (var topic : names) {
                assertThat(skipped(topic) - before.get(topic))
                    .as("%s: records of %s skipped", seedNote, topic)
                    .isGreaterThanOrEqualTo(PER_TOPIC);
              }
            });
    await().atMost(DEADLINE).until(() -> api().get("/jobs/" + good).status() == 200);
  }

  /** Bytes no projection can read: never a tombstone, which the jobs topic applies. */
  private static byte[] badValue(SplittableRandom random) {
    return switch (random.nextInt(3)) {
      case 0 -> {
        var bytes = new byte[random.nextInt(1, 64)];
        random.nextBytes(bytes);
        bytes[0] = (byte) 0xff; // no JSON document starts so
        yield bytes;
      }
      case 1 -> utf8(ODD_JSON.get(random.nextInt(ODD_JSON.size())));
      default -> {
        var json = Jobs.definition("truncated", "\"every\": \"PT1M\"");
        yield utf8(json.substring(0, random.nextInt(1, json.length() - 2)));
      }
    };
  }

  private double skipped(String topic) {
    var counter = meters.find("punctual.api.projection.skipped").tag("topic", topic).counter();
    return counter == null ? 0 : counter.count();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
