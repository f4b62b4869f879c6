package dev.punctual.scheduler.topology;

import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.ExecutionStatus;
import dev.punctual.model.event.JobCommand;
import dev.punctual.model.event.Trigger;
import dev.punctual.model.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Generated records that no reader can use, for one input topic: random bytes, truncated JSON, JSON
 * of another shape or with a required field of the wrong type or out of range, an empty value, a
 * missing or non-UTF-8 key, a key that is not the record's job; each with odd headers now and then.
 * Every one of them must be dead-lettered with a reason. Made from a seed, so that a failing case
 * can be made again.
 */
final class BadRecords {

  /** A record as written: topic, key and value bytes, headers. */
  record Bad(String topic, byte @Nullable [] key, byte @Nullable [] value, Headers headers) {

    @Override
    public String toString() {
      return topic + " key=" + text(key) + " value=" + text(value) + " headers=" + headers;
    }

    private static String text(byte @Nullable [] bytes) {
      return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
    }
  }

  enum Kind {
    JOB,
    COMMAND,
    RESULT
  }

  private static final List<String> ODD_JSON =
      List.of("5", "\"x\"", "[]", "true", "null", "{}", "1e400", "99999999999999999999", "-1");

  /** Attempts are counted from 1 and are an int. */
  private static final List<String> BAD_ATTEMPTS =
      List.of("\"one\"", "1e400", "99999999999999999999", "-1", "0", "null", "[]", "{}");

  private final SplittableRandom random;

  BadRecords(long seed) {
    this.random = new SplittableRandom(seed);
  }

  Bad next(Kind kind, String topic) {
    var key = "fuzz-" + random.nextInt(1_000);
    var valid = valid(kind, key);
    byte[] recordKey = key.getBytes(StandardCharsets.UTF_8);
    byte[] value;
    switch (random.nextInt(9)) {
      case 0 -> value = randomBytes();
      case 1 -> value = utf8(valid.substring(0, random.nextInt(1, valid.length() - 1)));
      case 2 -> value = utf8(pick(ODD_JSON));
      case 3 -> value = utf8(wrongField(kind, valid));
      case 4 -> value = kind == Kind.JOB ? utf8("") : (random.nextBoolean() ? null : utf8(""));
      case 5 -> {
        recordKey = null;
        value = utf8(valid);
      }
      case 6 -> {
        recordKey = new byte[] {(byte) 0xff, (byte) 0xfe, 'x'};
        value = utf8(valid);
      }
      case 7 -> value = utf8(kind == Kind.COMMAND ? wrongField(kind, valid) : valid(kind, "other"));
      default -> value = utf8("{\"unknown\\u0000field\":1," + valid.substring(1));
    }
    return new Bad(topic, recordKey, value, headers());
  }

  /** A valid record of {@code kind} for job {@code key}, as JSON. */
  static String valid(Kind kind, String key) {
    return switch (kind) {
      case JOB ->
          "{\"id\":\"%s\",\"schedule\":{\"every\":\"PT1S\"},\"target\":{\"type\":\"http\",\"url\":\"https://example.com/run\"}}"
              .formatted(key);
      case COMMAND -> new String(Json.toBytes(new JobCommand.TriggerNow("r-" + key)));
      case RESULT -> {
        var at = Instant.parse("2027-03-13T07:30:00Z");
        yield new String(
            Json.toBytes(
                new ExecutionFinished(
                    key + "@" + at.toEpochMilli(),
                    key,
                    1,
                    Trigger.SCHEDULE,
                    ExecutionStatus.SUCCEEDED,
                    at,
                    at,
                    at,
                    at.plusMillis(5),
                    "worker-1",
                    JsonNodeFactory.instance.objectNode(),
                    null,
                    null,
                    null)));
      }
    };
  }

  /** The valid record with a required field of the wrong type or out of range. */
  private String wrongField(Kind kind, String valid) {
    var odd = pick(List.of("5", "\"NOPE\"", "[]", "null", "{}"));
    return switch (kind) {
      case JOB -> valid.replace("{\"every\":\"PT1S\"}", odd);
      case COMMAND -> valid.replace("\"TRIGGER\"", odd);
      case RESULT ->
          pick(
              List.of(
                  valid.replace("\"SUCCEEDED\"", odd),
                  valid.replace("\"attempt\":1", "\"attempt\":" + pick(BAD_ATTEMPTS)),
                  valid.replace("\"scheduledAt\":\"", "\"scheduledAt\":\"yesterday")));
    };
  }

  private Headers headers() {
    var headers = new RecordHeaders();
    int count = random.nextInt(10) < 3 ? random.nextInt(1, 4) : 0;
    for (int i = 0; i < count; i++) {
      var name = pick(List.of("traceparent", "punctual-error", "ce_id", "content-type", "", "é"));
      headers.add(name, random.nextBoolean() ? null : randomBytes());
    }
    return headers;
  }

  /** Bytes that are not JSON: the first is never a byte a JSON document may start with. */
  private byte[] randomBytes() {
    var bytes = new byte[random.nextInt(1, 64)];
    random.nextBytes(bytes);
    bytes[0] = (byte) 0xff;
    return bytes;
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
