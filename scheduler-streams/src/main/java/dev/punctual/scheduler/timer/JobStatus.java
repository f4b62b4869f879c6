package dev.punctual.scheduler.timer;

/** Whether a job will fire on schedule, as the scheduler sees it. */
public enum JobStatus {
  /** The job has a next occurrence and a timer for it. */
  ACTIVE,
  /** The job is paused: no timer, but a {@code TRIGGER} command still fires it. */
  PAUSED,
  /** No further occurrence: past {@code endAt}, {@code maxRuns} reached, or a one-time job done. */
  COMPLETED
}
