package dev.punctual.scheduler.timer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.punctual.model.job.JobDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the scheduler knows about one job: the value of the {@code job-state} store (key = job id).
 * The time index holds exactly the timers that {@link #timers()} lists.
 *
 * @param definition the current definition
 * @param anchor the phase of an interval without {@code startAt}: the definition's {@code
 *     createdAt}, else the time the scheduler first processed the job
 * @param runs how many scheduled fires there were (manual triggers and retries do not count)
 * @param lastScheduledAt the nominal occurrence of the last scheduled fire, if any
 * @param nextFireAt the next scheduled occurrence; set exactly when the job is {@link
 *     JobStatus#ACTIVE}
 * @param status whether the job fires on schedule
 */
@JsonIgnoreProperties(ignoreUnknown = true) // state written by a newer version stays readable
public record JobState(
    JobDefinition definition,
    Instant anchor,
    long runs,
    @Nullable Instant lastScheduledAt,
    @Nullable Instant nextFireAt,
    JobStatus status) {

  public JobState {
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(anchor, "anchor");
    Objects.requireNonNull(status, "status");
    if (runs < 0) {
      throw new IllegalArgumentException("runs must not be negative, got " + runs);
    }
    if ((status == JobStatus.ACTIVE) != (nextFireAt != null)) {
      throw new IllegalArgumentException(
          "a job is ACTIVE exactly when it has a next occurrence, but it is "
              + status
              + " with next occurrence "
              + nextFireAt
              + "; this indicates a bug");
    }
  }

  /** A job the scheduler has not scheduled yet: no runs, nothing planned. */
  public static JobState unscheduled(JobDefinition definition, Instant anchor) {
    return new JobState(definition, anchor, 0, null, null, JobStatus.COMPLETED);
  }

  public String jobId() {
    return definition.id();
  }

  /** This job with a new definition and anchor; runs and the last occurrence are kept. */
  public JobState withDefinition(JobDefinition newDefinition, Instant newAnchor) {
    return new JobState(newDefinition, newAnchor, runs, lastScheduledAt, nextFireAt, status);
  }

  /** This job next firing at {@code next}, or completed when there is no next occurrence. */
  public JobState scheduledFor(@Nullable Instant next) {
    return new JobState(
        definition,
        anchor,
        runs,
        lastScheduledAt,
        next,
        next == null ? JobStatus.COMPLETED : JobStatus.ACTIVE);
  }

  /** This job after a scheduled fire of {@code occurrence}, next firing at {@code next}. */
  public JobState firedAndScheduledFor(Instant occurrence, @Nullable Instant next) {
    return new JobState(definition, anchor, runs + 1, occurrence, null, JobStatus.COMPLETED)
        .scheduledFor(next);
  }

  /** This job paused: no timer. */
  public JobState paused() {
    return new JobState(definition, anchor, runs, lastScheduledAt, null, JobStatus.PAUSED);
  }

  /** The timers this job has in the time index. */
  public List<TimerKey> timers() {
    return nextFireAt == null ? List.of() : List.of(TimerKey.scheduled(nextFireAt, jobId()));
  }
}
