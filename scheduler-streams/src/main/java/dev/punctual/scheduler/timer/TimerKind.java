package dev.punctual.scheduler.timer;

/**
 * What a timer in the time index is for; written as one byte of the timer's key, after the due
 * time, so that both kinds share one index and one scan.
 */
public enum TimerKind {
  /** The job's next scheduled occurrence; a job has at most one. */
  SCHEDULE((byte) 1),
  /** The next attempt of a fire that failed; a job has one per fire being retried. */
  RETRY((byte) 2),
  /**
   * The bound of a job's open fire, set only while an occurrence waits for it under the overlap
   * policy {@code BUFFER_ONE}: the open fire counts as finished and the waiting occurrence fires.
   */
  RELEASE((byte) 3);

  private final byte code;

  TimerKind(byte code) {
    this.code = code;
  }

  byte code() {
    return code;
  }

  static TimerKind ofCode(byte code) {
    for (var kind : values()) {
      if (kind.code == code) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "unknown timer kind " + code + " in the time index; this indicates a bug");
  }
}
