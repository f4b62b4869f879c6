package dev.punctual.api.system;

import org.slf4j.MDC;

/**
 * The SLF4J MDC keys that put a job's or a fire's id on every log line written while it is being
 * handled: in a request ({@link LogRequestContext}) and while a projection applies a record.
 */
public final class LogContext implements AutoCloseable {

  /** MDC key of the job id. */
  public static final String JOB_ID = "jobId";

  /** MDC key of the fire id. */
  public static final String FIRE_ID = "fireId";

  private final boolean fire;

  private LogContext(boolean fire) {
    this.fire = fire;
  }

  /** Puts the job's id into the MDC until {@link #close()}. */
  public static LogContext job(String jobId) {
    MDC.put(JOB_ID, jobId);
    return new LogContext(false);
  }

  /** Puts the job's and the fire's ids into the MDC until {@link #close()}. */
  public static LogContext fire(String jobId, String fireId) {
    MDC.put(JOB_ID, jobId);
    MDC.put(FIRE_ID, fireId);
    return new LogContext(true);
  }

  @Override
  public void close() {
    MDC.remove(JOB_ID);
    if (fire) {
      MDC.remove(FIRE_ID);
    }
  }
}
