package dev.punctual.model.event;

/** Why a fire happened. */
public enum Trigger {
  /** An occurrence of the job's schedule. */
  SCHEDULE,
  /** A {@code TRIGGER} command, for example from {@code POST /jobs/{id}/trigger}. */
  MANUAL,
  /** A retry of an earlier attempt of the same fire that failed. */
  RETRY,
  /**
   * An occurrence of a {@code BACKFILL} command, for example from {@code POST /jobs/{id}/backfill}.
   */
  BACKFILL
}
