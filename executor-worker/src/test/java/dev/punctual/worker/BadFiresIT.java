package dev.punctual.worker;

import static dev.punctual.worker.TestKafka.bytes;
import static dev.punctual.worker.TestKafka.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.event.ExecutionStatus;
import dev.punctual.model.event.RecordHeaders;
import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.json.Json;
import dev.punctual.worker.execution.LoopStatus;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Generated bad records on the fires topic against the worker application and a real broker: random
 * bytes, truncated fires, JSON of another shape or with a field of the wrong type, empty and
 * missing values, missing or non-UTF-8 keys, odd headers. Each is dead-lettered with its bytes, a
 * reason and where it came from (read back with a real consumer); the worker keeps running and
 * executes the good fire written after them. A failure prints the seed; {@code
 * -Dpunctual.fuzz.seed=<seed>} writes the very same records again.
 */
class BadFiresIT {

  private static final int BAD_RECORDS = 150;
  private static final List<String> ODD_JSON =
      List.of("5", "\"x\"", "[]", "true", "null", "{}", "1e400", "99999999999999999999");

  private final TestEndpoint endpoint = TestEndpoint.start().answering("/ok", 200, "done");

  @AfterEach
  void stopEndpoint() {
    endpoint.close();
  }

  @Test
  void everyBadFireIsDeadLetteredWithAReasonAndTheWorkerGoesOn() throws Exception {
    long seed = Long.getLong("punctual.fuzz.seed", new SecureRandom().nextLong());
    var seedNote = "seed " + seed + " (rerun with -Dpunctual.fuzz.seed=" + seed + ")";
    var random = new SplittableRandom(seed);
    var topics = TestKafka.topics("fuzz.", 3);
    var good = Fires.aFire("good", HttpTarget.post(endpoint.url("/ok")));
    var valid = new String(Json.toBytes(good));
    var sent = new HashMap<String, ProducerRecord<byte[], byte[]>>();
    try (var producer = TestKafka.byteProducer()) {
      for (int i = 0; i < BAD_RECORDS; i++) {
        var bad = badRecord(random, topics.fires().name(), valid);
        var written = producer.send(bad).get();
        sent.put(written.partition() + "@" + written.offset(), bad);
      }
      producer.send(new ProducerRecord<>(topics.fires().name(), bytes("good"), bytes(valid))).get();
    }

    try (var worker = Workers.start(topics, "fuzz-worker")) {
      var results = TestKafka.readResults(topics, 1);
      var deadLetters = TestKafka.readAll(topics.deadLetter().name(), BAD_RECORDS);

      assertThat(results)
          .as(seedNote)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.fireId()).isEqualTo(good.fireId());
                assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
              });
      assertThat(deadLetters).as(seedNote).hasSize(BAD_RECORDS);
      var unmatched = new ArrayList<>(sent.keySet());
      for (var letter : deadLetters) {
        var source =
            header(letter, RecordHeaders.SOURCE_PARTITION)
                + "@"
                + header(letter, RecordHeaders.SOURCE_OFFSET);
        var bad = sent.get(source);
        assertThat(bad).as("%s: the record at %s", seedNote, source).isNotNull();
        unmatched.remove(source);
        assertThat(letter.value()).as(seedNote).isEqualTo(bad.value());
        assertThat(header(letter, RecordHeaders.ERROR))
            .as("%s: the reason for %s", seedNote, bad)
            .isNotBlank()
            .doesNotContain("indicates a bug");
        assertThat(header(letter, RecordHeaders.SOURCE_TOPIC)).isEqualTo(topics.fires().name());
      }
      assertThat(unmatched).as(seedNote).isEmpty();
      assertThat(Workers.state(worker)).isEqualTo(LoopStatus.State.RUNNING);
    }
  }

  /** A record no worker can run, made from the valid fire's JSON. */
  private static ProducerRecord<byte[], byte[]> badRecord(
      SplittableRandom random, String topic, String valid) {
    byte[] key = bytes("fuzz-" + random.nextInt(1_000));
    byte[] value;
    switch (random.nextInt(7)) {
      case 0 -> {
        value = new byte[random.nextInt(1, 64)];
        random.nextBytes(value);
        value[0] = (byte) 0xff; // no JSON document starts so
      }
      case 1 -> value = bytes(valid.substring(0, random.nextInt(1, valid.length() - 1)));
      case 2 -> value = bytes(ODD_JSON.get(random.nextInt(ODD_JSON.size())));
      case 3 ->
          value =
              bytes(
                  valid.replaceFirst(
                      "\"target\":\\{",
                      "\"target\":"
                          + ODD_JSON.get(random.nextInt(ODD_JSON.size()))
                          + ",\"was\":{"));
      case 4 -> value = random.nextBoolean() ? null : new byte[0];
      case 5 -> {
        key = random.nextBoolean() ? null : new byte[] {(byte) 0xff, (byte) 0xfe};
        value = bytes("{oops");
      }
      default -> value = bytes(valid.replace("\"scheduledAt\":\"", "\"scheduledAt\":\"yesterday"));
    }
    var headers = new org.apache.kafka.common.header.internals.RecordHeaders();
    if (random.nextInt(10) < 3) {
      headers.add("traceparent", bytes("00-zz-" + random.nextInt()));
      headers.add(RecordHeaders.ERROR, null);
      headers.add("", new byte[] {0, 1, 2});
    }
    return new ProducerRecord<>(topic, null, key, value, headers);
  }
}
