package dev.punctual.api.audit;

import dev.punctual.api.security.Callers;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Who made a change and from where.
 *
 * @param actor the {@link dev.punctual.api.security.Caller#actor()}, {@value #UNAUTHENTICATED} for
 *     a request answered 401, {@value #TOPIC} for a record another producer wrote to the jobs
 *     topic, or {@code pause-after-failures} for a pause the API made itself
 * @param remoteAddress the client's address; {@code null} for the topic
 */
public record AuditOrigin(String actor, @Nullable String remoteAddress) {

  public static final String UNAUTHENTICATED = "unauthenticated";
  public static final String TOPIC = "topic";

  /** The API itself, pausing a job after {@code pauseAfterFailures} failed occurrences. */
  public static final AuditOrigin PAUSE_AFTER_FAILURES =
      new AuditOrigin("pause-after-failures", null);

  /** A change produced straight onto the jobs topic. */
  public static final AuditOrigin JOBS_TOPIC = new AuditOrigin(TOPIC, null);

  /** The sender of {@code request}, as authentication remembered it. */
  public static AuditOrigin of(HttpServletRequest request) {
    return new AuditOrigin(Callers.current(request).actor(), request.getRemoteAddr());
  }

  /** The sender of {@code request} that was answered {@code status}. */
  static AuditOrigin of(HttpServletRequest request, int status) {
    return status == 401 ? new AuditOrigin(UNAUTHENTICATED, request.getRemoteAddr()) : of(request);
  }
}
