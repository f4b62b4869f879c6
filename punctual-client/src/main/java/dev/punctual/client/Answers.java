package dev.punctual.client;

import dev.punctual.model.event.MissedOccurrences;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.job.JobStatus;
import dev.punctual.model.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the API's answers into typed values. It reads with job-model's mapper but ignores members
 * it does not know, unlike the API (which refuses them in what it is sent): a client must keep
 * working when a newer API adds a member to what it answers.
 */
final class Answers {

  private Answers() {}

  static JsonNode tree(byte[] body) {
    try {
      return Json.MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw unreadable("an answer", e);
    }
  }

  static <T> T read(JsonNode tree, Class<T> type) {
    try {
      return reader(type).readValue(tree);
    } catch (JacksonException | IllegalArgumentException e) {
      throw unreadable("a " + type.getSimpleName(), e);
    }
  }

  /** A job: its definition (the read-only members are not part of it) and the read-only fields. */
  static Job job(JsonNode tree) {
    var definition = read(tree, JobDefinition.class);
    var status = text(tree, "status");
    return new Job(
        definition,
        status == null ? JobStatus.ACTIVE : JobStatus.valueOf(status),
        text(tree, "pausedReason"),
        instant(tree, "nextRunAt"),
        instant(tree, "lastRunAt"),
        text(tree, "lastRunStatus"));
  }

  /** An entry of {@code GET /jobs/{id}/missed}, which leaves out the job id the record has. */
  static MissedOccurrences missed(String jobId, JsonNode item) {
    var withJob = ((ObjectNode) item).deepCopy();
    withJob.put("jobId", jobId);
    return read(withJob, MissedOccurrences.class);
  }

  /** A page {@code {"items":[…],"nextCursor":…}} with each item read by {@code item}. */
  static <T> CursorPage<T> page(byte[] body, Function<JsonNode, T> item) {
    var tree = tree(body);
    var items = new ArrayList<T>();
    for (var entry : tree.path("items")) {
      items.add(item.apply(entry));
    }
    return new CursorPage<>(items, text(tree, "nextCursor"));
  }

  private static @Nullable String text(JsonNode tree, String field) {
    var value = tree.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }

  private static @Nullable Instant instant(JsonNode tree, String field) {
    var value = text(tree, field);
    return value == null ? null : Instant.parse(value);
  }

  private static ObjectReader reader(Class<?> type) {
    return Json.MAPPER.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  private static IllegalStateException unreadable(String what, Exception e) {
    return new IllegalStateException(
        "the API answered "
            + what
            + " this client cannot read (is the client older than the API?): "
            + e.getMessage(),
        e);
  }
}
