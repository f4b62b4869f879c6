package dev.punctual.api.job;

import dev.punctual.model.job.JobDefinition;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A row of the {@code jobs} table in PostgreSQL: the stored definition and what the projections
 * learnt about its runs.
 *
 * @param definition the definition as stored and published, with {@code version}, {@code createdAt}
 *     and {@code updatedAt} set
 * @param lastRunAt when the most recent known attempt was fired or started
 * @param lastRunStatus how the most recent known attempt ended, {@code FIRED} while it runs
 * @param scheduledRuns how many scheduled fires are known (for {@code maxRuns})
 * @param pausedReason why a paused job is paused ({@link #MANUAL} unless the API paused it after
 *     failures, {@link #FAILURES}); {@code null} when the job is not paused
 */
public record JobRow(
    JobDefinition definition,
    @Nullable Instant lastRunAt,
    @Nullable String lastRunStatus,
    long scheduledRuns,
    @Nullable String pausedReason) {

  /** Paused by a person (REST or the jobs topic). */
  public static final String MANUAL = "MANUAL";

  /** Paused by the API after {@code pauseAfterFailures} consecutive failed occurrences. */
  public static final String FAILURES = "FAILURES";

  public JobRow {
    pausedReason = !definition.paused() ? null : FAILURES.equals(pausedReason) ? FAILURES : MANUAL;
    Objects.requireNonNull(definition.version(), "a stored definition has a version");
    Objects.requireNonNull(definition.createdAt(), "a stored definition has createdAt");
    Objects.requireNonNull(definition.updatedAt(), "a stored definition has updatedAt");
  }

  /** A row whose paused job (if paused) was paused by a person. */
  public JobRow(
      JobDefinition definition,
      @Nullable Instant lastRunAt,
      @Nullable String lastRunStatus,
      long scheduledRuns) {
    this(definition, lastRunAt, lastRunStatus, scheduledRuns, null);
  }

  public String id() {
    return definition.id();
  }

  public long version() {
    return Objects.requireNonNull(definition.version());
  }

  public Instant createdAt() {
    return Objects.requireNonNull(definition.createdAt());
  }

  /**
   * The entity tag of an answer that shows this job as {@code shown}; see {@link Preconditions}.
   */
  String etag(ObjectNode shown) {
    return Preconditions.etag(version(), shown);
  }

  /** A job that was just created: version 1, created and updated {@code now}. */
  static JobRow created(JobDefinition definition, Instant now) {
    return new JobRow(definition.withVersion(1, now, now), null, null, 0);
  }

  /**
   * This job with {@code changed} as its next version, updated {@code now}; runs and the last-run
   * fields carry over, and so does the paused reason while the job stays paused.
   */
  JobRow next(JobDefinition changed, Instant now) {
    return new JobRow(
        changed.withVersion(version() + 1, createdAt(), now),
        lastRunAt,
        lastRunStatus,
        scheduledRuns,
        pausedReason);
  }
}
