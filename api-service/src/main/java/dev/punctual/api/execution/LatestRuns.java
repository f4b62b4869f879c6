package dev.punctual.api.execution;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What one batch of fires or results does to each job's latest run and scheduled runs, gathered so
 * that each job's row is updated once per batch. Of a job's records, the latest instant counts, and
 * of several at that instant the one applied last, as when they are applied one after another
 * (where the stored run at the same instant wins is the update's rule, see {@link
 * ExecutionBatchWrites}).
 */
final class LatestRuns {

  /**
   * A job's latest run in the batch.
   *
   * @param jobId the job
   * @param at the latest instant the batch reports for it (fired or started)
   * @param status the status of the last record at that instant
   * @param newRuns how many scheduled runs the batch inserted
   * @param lastScheduledAt the latest nominal time of the batch's scheduled fires or results,
   *     {@code null} when it has none
   */
  record JobRun(
      String jobId, Instant at, String status, int newRuns, @Nullable Instant lastScheduledAt) {}

  private final Map<String, JobRun> byJob = new HashMap<>();

  /**
   * A record of the batch, in the order they are applied.
   *
   * @param scheduledAt its occurrence when it is a scheduled fire or its result, else {@code null}
   */
  void ran(String jobId, Instant at, String status, @Nullable Instant scheduledAt) {
    var earlier = byJob.get(jobId);
    if (earlier == null) {
      byJob.put(jobId, new JobRun(jobId, at, status, 0, scheduledAt));
      return;
    }
    var last = latest(earlier.lastScheduledAt(), scheduledAt);
    if (!at.isBefore(earlier.at())) {
      byJob.put(jobId, new JobRun(jobId, at, status, earlier.newRuns(), last));
    } else {
      byJob.put(jobId, new JobRun(jobId, earlier.at(), earlier.status(), earlier.newRuns(), last));
    }
  }

  private static @Nullable Instant latest(@Nullable Instant a, @Nullable Instant b) {
    return a == null ? b : b == null || a.isAfter(b) ? a : b;
  }

  /** Scheduled runs whose rows the batch inserted (after {@link #ran} for their job). */
  void addRuns(String jobId, int runs) {
    var run = byJob.get(jobId);
    if (run == null) {
      throw new IllegalStateException("no record of job " + jobId + "; this indicates a bug");
    }
    byJob.put(
        jobId,
        new JobRun(jobId, run.at(), run.status(), run.newRuns() + runs, run.lastScheduledAt()));
  }

  /** The runs of these jobs, in job id order. */
  List<JobRun> of(Collection<String> jobIds) {
    return jobIds.stream().sorted().map(byJob::get).filter(run -> run != null).toList();
  }
}
