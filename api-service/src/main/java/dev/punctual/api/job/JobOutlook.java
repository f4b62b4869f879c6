package dev.punctual.api.job;

import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.job.JobStatus;
import dev.punctual.model.schedule.Schedule;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the API can tell about a job's future at read time, from its definition and the runs known
 * so far (the scheduler owns the timers; this is the same calculation with the shared {@link
 * Schedule}).
 *
 * @param status {@link JobStatus#PAUSED} when paused; {@link JobStatus#COMPLETED} when no
 *     occurrence is left; else {@link JobStatus#ACTIVE}
 * @param nextRunAt the first occurrence at or after now, anchored at the job's {@code createdAt},
 *     honouring {@code startAt}, {@code endAt} and {@code maxRuns}; {@code null} when paused or
 *     completed, and for a one-time job whose time has passed but whose catch-up run is still to
 *     come
 */
record JobOutlook(JobStatus status, @Nullable Instant nextRunAt) {

  static JobOutlook of(JobDefinition definition, long scheduledRuns, Instant now) {
    if (definition.paused()) {
      return new JobOutlook(JobStatus.PAUSED, null);
    }
    var schedule = definition.schedule();
    var anchor = Objects.requireNonNull(definition.createdAt(), "a stored job has createdAt");
    var upcoming = schedule.upcoming(now, anchor, scheduledRuns, 1);
    if (!upcoming.isEmpty()) {
      return new JobOutlook(JobStatus.ACTIVE, upcoming.getFirst());
    }
    if (awaitsCatchUp(schedule, definition, scheduledRuns)) {
      return new JobOutlook(JobStatus.ACTIVE, null);
    }
    return new JobOutlook(JobStatus.COMPLETED, null);
  }

  /**
   * A one-time job whose time passed before it was known to run still fires once as a catch-up, if
   * job-model's catch-up rule lets it, seen from when the definition was last written (which is
   * when the scheduler first saw it).
   */
  private static boolean awaitsCatchUp(
      Schedule schedule, JobDefinition definition, long scheduledRuns) {
    return schedule instanceof Schedule.Once once
        && scheduledRuns == 0
        && once.options().firesWhenFoundAt(once.at(), written(definition));
  }

  private static Instant written(JobDefinition definition) {
    return Objects.requireNonNull(definition.updatedAt(), "a stored job has updatedAt");
  }
}
