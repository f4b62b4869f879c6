package dev.punctual.model.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.JobCommand;
import dev.punctual.model.event.JobFired;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reasons given for records that cannot be read, over generated damage to valid fires, results
 * and commands (fields removed, renamed or given values of every wrong kind, text cut short or
 * mixed with bytes that are not UTF-8): every reason says what is wrong without Java or Jackson
 * names. {@code -Dpunctual.fuzz.seed=<seed>} repeats a run.
 */
class RecordProblemsTest {

  private static final String FIRE =
      "{\"fireId\":\"report@1804923000000\",\"jobId\":\"report\","
          + "\"scheduledAt\":\"2027-03-13T07:30:00Z\",\"dueAt\":\"2027-03-13T07:30:00Z\","
          + "\"firedAt\":\"2027-03-13T07:30:00.012Z\",\"attempt\":1,\"trigger\":\"SCHEDULE\","
          + "\"missed\":0,\"target\":{\"type\":\"http\",\"method\":\"POST\","
          + "\"url\":\"http://localhost:9000/run\",\"headers\":{},\"body\":null,"
          + "\"timeout\":\"PT30S\"},\"parameters\":{\"region\":\"eu\"}}";

  /** What a reason must never show: the implementation's names and Jackson's asides. */
  private static final List<String> LEAKS =
      List.of(
          "dev.punctual",
          "tools.jackson",
          "java.",
          "`",
          "Source:",
          "REDACTED",
          "Creator",
          "JsonToken",
          "Cannot construct instance",
          "Cannot deserialize",
          "problem:");

  @Test
  void everyReasonSaysWhatIsWrongWithoutImplementationNames() {
    long seed = Long.getLong("punctual.fuzz.seed", new SecureRandom().nextLong());
    var random = new SplittableRandom(seed);
    var fire = Json.fromBytes(FIRE.getBytes(StandardCharsets.UTF_8), JobFired.class);
    var at = Instant.parse("2027-03-13T07:30:01Z");
    var samples =
        List.<Sample>of(
            new Sample(FIRE, JobFired.class),
            new Sample(
                Json.toText(ExecutionFinished.failed(fire, "w", at, at, null, "HTTP 503")),
                ExecutionFinished.class),
            new Sample(Json.toText(new JobCommand.TriggerNow("r-1")), JobCommand.class),
            new Sample(
                "{\"type\":\"BACKFILL\",\"requestId\":\"r-2\","
                    + "\"from\":\"2027-01-01T00:00:00Z\",\"to\":\"2027-01-02T00:00:00Z\"}",
                JobCommand.class));
    int refused = 0;
    var reasons = new ArrayList<String>();
    for (int i = 0; i < 3_000; i++) {
      var sample = samples.get(random.nextInt(samples.size()));
      var damaged = damage(sample.json(), random);
      try {
        Json.fromBytes(damaged, sample.type());
      } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
        refused++;
        var reason = RecordProblems.describe(e);
        reasons.add(reason);
        assertThat(reason)
            .as(
                "seed %d (rerun with -Dpunctual.fuzz.seed=%d): the reason for %s",
                seed, seed, new String(damaged, StandardCharsets.UTF_8))
            .isNotBlank()
            .doesNotContain(LEAKS);
      }
    }
    assertThat(refused).as("seed %d: damaged records refused", seed).isGreaterThan(1_000);
    assertThat(reasons)
        .as("the reasons name fields and kinds of values")
        .anyMatch(r -> r.startsWith("at attempt: must be a whole number"))
        .anyMatch(r -> r.contains("is not a known field; known fields: "))
        .anyMatch(r -> r.startsWith("not valid JSON: "));
  }

  @Test
  void namesTheFieldTheKindOfValueItTakesAndTheValueGiven() {
    var result =
        FIRE.replace("\"firedAt\":\"2027-03-13T07:30:00.012Z\"", "\"firedAt\":\"yesterday\"");
    var reason = reasonFor(result, JobFired.class);
    assertThat(reason)
        .isEqualTo(
            "at firedAt: must be an ISO-8601 timestamp such as 2026-01-01T00:00:00Z, was"
                + " 'yesterday'");
  }

  @Test
  void namesTheKnownTypesOfACommand() {
    assertThat(reasonFor("{\"type\":\"NOPE\",\"requestId\":\"r\"}", JobCommand.class))
        .isEqualTo("'NOPE' is not a known type; known types: BACKFILL, TRIGGER");
    assertThat(reasonFor("{\"requestId\":\"r\"}", JobCommand.class))
        .isEqualTo("needs its 'type' field; known types: BACKFILL, TRIGGER");
  }

  @Test
  void saysAValueMustBeAnObject() {
    assertThat(reasonFor("[1]", ExecutionFinished.class)).isEqualTo("must be a JSON object");
    assertThat(reasonFor("7", ExecutionFinished.class)).isEqualTo("must be a JSON object");
  }

  private static String reasonFor(String json, Class<?> type) {
    try {
      Json.fromBytes(json.getBytes(StandardCharsets.UTF_8), type);
    } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
      return RecordProblems.describe(e);
    }
    throw new AssertionError("read without a problem: " + json);
  }

  /** One kind of damage, chosen at random. */
  private static byte[] damage(String json, SplittableRandom random) {
    var tree = (ObjectNode) Json.MAPPER.readTree(json);
    var target = random.nextBoolean() ? tree : nested(tree, random);
    var fields = new ArrayList<>(target.propertyNames());
    var field = fields.get(random.nextInt(fields.size()));
    switch (random.nextInt(6)) {
      case 0 -> target.remove(field);
      case 1, 2 -> target.set(field, Json.MAPPER.readTree(oddValue(random)));
      case 3 -> target.set("unknown" + random.nextInt(10), target.get(field));
      case 4 -> {
        var text = Json.MAPPER.writeValueAsString(tree);
        return text.substring(0, random.nextInt(text.length())).getBytes(StandardCharsets.UTF_8);
      }
      default -> {
        var bytes = Json.MAPPER.writeValueAsBytes(tree);
        bytes[random.nextInt(bytes.length)] = (byte) (0x80 + random.nextInt(0x80));
        return bytes;
      }
    }
    return Json.MAPPER.writeValueAsBytes(tree);
  }

  /** A JSON value of a random kind: often not what the field takes, sometimes out of any range. */
  private static String oddValue(SplittableRandom random) {
    return switch (random.nextInt(10)) {
      case 0 -> "null";
      case 1 -> String.valueOf(random.nextBoolean());
      case 2 -> String.valueOf(random.nextLong());
      case 3 -> random.nextInt(1, 400) + "e" + random.nextInt(300, 500); // beyond a double
      case 4 -> String.valueOf(random.nextDouble(-1e6, 1e6));
      case 5 -> Json.MAPPER.writeValueAsString(randomText(random));
      case 6 ->
          "\"20%02d-%02d-%02dT%02d:00:00Z\""
              .formatted(
                  random.nextInt(100), random.nextInt(20), random.nextInt(40), random.nextInt(30));
      case 7 -> "[" + (random.nextBoolean() ? "" : String.valueOf(random.nextInt())) + "]";
      case 8 -> "{\"" + randomText(random).replace("\"", "") + "\":" + random.nextInt() + "}";
      default -> "\"" + "NOPE".repeat(random.nextInt(1, 3)) + "\"";
    };
  }

  private static String randomText(SplittableRandom random) {
    var text = new StringBuilder();
    for (int i = random.nextInt(12); i > 0; i--) {
      text.appendCodePoint(random.nextInt(0x20, 0x2FFF));
    }
    return text.toString();
  }

  /** An object inside the tree (a fire's target), or the tree itself when it has none. */
  private static ObjectNode nested(ObjectNode tree, SplittableRandom random) {
    var objects = new ArrayList<ObjectNode>();
    for (JsonNode value : tree.values()) {
      if (value instanceof ObjectNode object && !object.isEmpty()) {
        objects.add(object);
      }
    }
    return objects.isEmpty() ? tree : objects.get(random.nextInt(objects.size()));
  }

  private record Sample(String json, Class<?> type) {}
}
