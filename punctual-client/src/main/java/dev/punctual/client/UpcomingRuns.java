package dev.punctual.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * A job's next runs ({@code GET /jobs/{id}/next-runs}), computed by the API with the scheduler's
 * own schedule code.
 *
 * @param jobId the job
 * @param runs the next occurrences ({@code scheduledAt}), earliest first; empty when the job is
 *     paused or completed
 * @param occurrences the same occurrences, each with when it is due (later by the job's jitter)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UpcomingRuns(String jobId, List<Instant> runs, List<Occurrence> occurrences) {

  public UpcomingRuns {
    runs = List.copyOf(runs);
    occurrences = occurrences == null ? List.of() : List.copyOf(occurrences);
  }

  /**
   * One upcoming occurrence.
   *
   * @param scheduledAt the occurrence
   * @param dueAt when it fires: {@code scheduledAt} plus the job's jitter offset
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Occurrence(Instant scheduledAt, Instant dueAt) {}
}
