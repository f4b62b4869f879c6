package dev.punctual.model.log;

import java.util.List;
import org.slf4j.MDC;

/**
 * The log fields every service puts on a log line about a job or a fire: SLF4J MDC entries, set
 * around the work and removed after it. Text logs show them through the shared level pattern in
 * {@code punctual-logging.yml} ({@code [jobId=…] [fireId=…]}); structured (JSON) logs show them as
 * fields.
 *
 * <pre>{@code
 * try (var log = LogContext.fire(fire.jobId(), fire.fireId())) {
 *   ... every log line here carries both ids
 * }
 * }</pre>
 */
public final class LogContext implements AutoCloseable {

  /** MDC key of the job a log line is about. */
  public static final String JOB_ID = "jobId";

  /** MDC key of the fire a log line is about. */
  public static final String FIRE_ID = "fireId";

  private final List<String> keys;

  private LogContext(List<String> keys) {
    this.keys = keys;
  }

  /** Sets {@value #JOB_ID} until closed. */
  public static LogContext job(String jobId) {
    MDC.put(JOB_ID, jobId);
    return new LogContext(List.of(JOB_ID));
  }

  /** Sets {@value #FIRE_ID} until closed, inside a {@link #job} context that set the job. */
  public static LogContext fire(String fireId) {
    MDC.put(FIRE_ID, fireId);
    return new LogContext(List.of(FIRE_ID));
  }

  /** Sets {@value #JOB_ID} and {@value #FIRE_ID} until closed. */
  public static LogContext fire(String jobId, String fireId) {
    MDC.put(JOB_ID, jobId);
    MDC.put(FIRE_ID, fireId);
    return new LogContext(List.of(JOB_ID, FIRE_ID));
  }

  /** Removes the fields this context set. */
  @Override
  public void close() {
    keys.forEach(MDC::remove);
  }
}
