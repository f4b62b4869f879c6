package dev.punctual.scheduler.timer;

import org.slf4j.MDC;

/**
 * The SLF4J MDC keys of the scheduler's log lines about a job or a fire, set around the work and
 * removed after it, so that structured (JSON) logging shows them as fields.
 */
public final class LogContext {

  /** The job a log line is about. */
  public static final String JOB_ID = "jobId";

  /** The fire a log line is about. */
  public static final String FIRE_ID = "fireId";

  private LogContext() {}

  /** Sets {@value #JOB_ID} until closed. */
  public static MDC.MDCCloseable job(String jobId) {
    return MDC.putCloseable(JOB_ID, jobId);
  }

  /** Sets {@value #FIRE_ID} until closed. */
  public static MDC.MDCCloseable fire(String fireId) {
    return MDC.putCloseable(FIRE_ID, fireId);
  }
}
