package dev.punctual.model.job;

/**
 * Whether a job fires on its schedule: what the API shows as a job's {@code status}, and what the
 * scheduler counts per status. The one name for this idea in every module.
 */
public enum JobStatus {
  /** The job fires on its schedule: it has a next occurrence (or a catch-up run still to come). */
  ACTIVE,
  /** The job is paused: no timer, but a {@code TRIGGER} command still fires it. */
  PAUSED,
  /** No further occurrence: past {@code endAt}, {@code maxRuns} reached, or a one-time job ran. */
  COMPLETED
}
