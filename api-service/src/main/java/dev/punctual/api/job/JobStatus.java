package dev.punctual.api.job;

/** The status the API shows for a job. */
enum JobStatus {
  /** The job fires on its schedule. */
  ACTIVE,
  /** The job is paused ({@code paused: true}) and does not fire on schedule. */
  PAUSED,
  /** No further occurrence: past {@code endAt}, {@code maxRuns} reached, or a one-time job ran. */
  COMPLETED
}
