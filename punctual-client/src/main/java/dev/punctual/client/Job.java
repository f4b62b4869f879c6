package dev.punctual.client;

import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.job.JobStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A job as the API shows it: its definition and the read-only fields the API adds.
 *
 * @param definition the definition, as job-model reads it; credential header values of its target
 *     are shown as {@code "******"}, and sending them back with {@code replace} keeps the stored
 *     value
 * @param status whether it fires on its schedule now
 * @param pausedReason why the scheduler paused it ({@code FAILURES}); {@code null} when it was not
 *     paused by the scheduler
 * @param nextRunAt its next occurrence; {@code null} when paused or completed
 * @param lastRunAt the occurrence of its last fire; {@code null} before the first
 * @param lastRunStatus how its last run ended; {@code null} before the first
 */
public record Job(
    JobDefinition definition,
    JobStatus status,
    @Nullable String pausedReason,
    @Nullable Instant nextRunAt,
    @Nullable Instant lastRunAt,
    @Nullable String lastRunStatus) {

  public String id() {
    return definition.id();
  }

  /**
   * The version every change through the API raises; {@code If-Match} takes it as {@link #etag}.
   */
  public long version() {
    var version = definition.version();
    if (version == null) {
      throw new IllegalStateException(
          "the API answered job '" + id() + "' without a version; this indicates a bug in the API");
    }
    return version;
  }

  /** The entity tag of this version, as {@code If-Match} takes it. */
  public String etag() {
    return "\"" + version() + "\"";
  }
}
