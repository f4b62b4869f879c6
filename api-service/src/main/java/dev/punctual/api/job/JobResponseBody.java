package dev.punctual.api.job;

import dev.punctual.model.json.JobDefinitionCodec;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The response body that shows a job: the definition's JSON (through the shared codec, so it reads
 * back as the same definition) followed by every read-only field, {@code null} where unknown.
 * Credential headers of the target are {@linkplain MaskedHeaders#shown masked}.
 */
final class JobResponseBody {

  private JobResponseBody() {}

  static ObjectNode of(JobRow job, Instant now) {
    var definition = job.definition();
    var outlook = JobOutlook.of(definition, job.scheduledRuns(), now);
    var json = JobDefinitionCodec.toTree(MaskedHeaders.shown(definition));
    json.put("status", outlook.status().name());
    json.put("pausedReason", job.pausedReason());
    putInstant(json, "nextRunAt", outlook.nextRunAt());
    putInstant(json, "lastRunAt", job.lastRunAt());
    json.put("lastRunStatus", job.lastRunStatus());
    // version, createdAt and updatedAt come from the definition; move them after the others so
    // that every read-only field sits at the end, in the order the README lists them.
    var version = json.remove("version");
    var createdAt = json.remove("createdAt");
    var updatedAt = json.remove("updatedAt");
    json.set("version", version);
    json.set("createdAt", createdAt);
    json.set("updatedAt", updatedAt);
    return json;
  }

  private static void putInstant(ObjectNode json, String field, @Nullable Instant value) {
    if (value == null) {
      json.putNull(field);
    } else {
      json.put(field, value.toString());
    }
  }
}
