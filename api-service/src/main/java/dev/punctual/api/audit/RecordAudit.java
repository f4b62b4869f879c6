package dev.punctual.api.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records every audited request (see {@link AuditedRoutes}) once it has been answered, unless its
 * handler recorded the outcome in the transaction of the change ({@link AuditLog#recordWithChange}:
 * a successful create, single or batch): the actor, the action, the job id (from the path, or the
 * {@code Location} of a 201), the version (the answer's {@code ETag}), the remote address and the
 * outcome with the status. It runs outside Spring Security's filter chain, so it also sees the 401
 * and 403 the chain answers, and the 429 of the rate limit.
 *
 * <p>Here the entry is written after the answer in a transaction of its own: a change is not undone
 * when its entry cannot be written (PostgreSQL failed in between); that is logged and counted in
 * {@code punctual.api.audit.failed}. A create's entry is written with the create, so it cannot be
 * missing.
 */
class RecordAudit extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(RecordAudit.class);

  /** A job's entity tag: the definition's version, then a digest of the answer. */
  private static final Pattern JOB_ETAG = Pattern.compile("\"(\\d{1,18})(-[0-9a-f]+)?\"");

  private final AuditLog auditLog;
  private final Counter failed;

  RecordAudit(AuditLog auditLog, MeterRegistry meters) {
    this.auditLog = auditLog;
    this.failed =
        Counter.builder("punctual.api.audit.failed")
            .description("Audited requests whose entry could not be written")
            .register(meters);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    var match = AuditedRoutes.match(request.getMethod(), request.getRequestURI()).orElse(null);
    if (match == null) {
      chain.doFilter(request, response);
      return;
    }
    int status = 500;
    try {
      chain.doFilter(request, response);
      status = response.getStatus();
    } finally {
      if (!AuditLog.recordedWithChange(request)) {
        record(request, response, match, status);
      }
    }
  }

  private void record(
      HttpServletRequest request,
      HttpServletResponse response,
      AuditedRoutes.Match match,
      int status) {
    var route = match.route();
    String jobId = null;
    String detail = null;
    switch (route.subject()) {
      case JOB -> jobId = match.pathId();
      case API_KEY -> detail = "key " + match.pathId();
      case NONE -> {
        var created = lastSegment(response.getHeader(HttpHeaders.LOCATION));
        if (created != null && route.action() == AuditAction.CREATE) {
          jobId = created;
        } else if (created != null && route.action() == AuditAction.KEY_ISSUE) {
          detail = "key " + created;
        }
      }
    }
    try {
      auditLog.record(
          AuditOrigin.of(request, status),
          AuditedRoutes.action(route, status),
          jobId,
          version(response.getHeader(HttpHeaders.ETAG)),
          status,
          detail);
    } catch (RuntimeException e) {
      failed.increment();
      log.error(
          "Cannot write the audit entry of {} {} answered {}: {}",
          request.getMethod(),
          request.getRequestURI(),
          status,
          e.toString());
    }
  }

  /** The last path segment of a {@code Location}, e.g. the id in {@code /jobs/<id>}. */
  static @Nullable String lastSegment(@Nullable String location) {
    if (location == null || location.endsWith("/")) {
      return null;
    }
    return location.substring(location.lastIndexOf('/') + 1);
  }

  /**
   * The version in a job's entity tag ({@code "3-<digest>"}, or {@code "3"} on a 412); {@code null}
   * when there is none.
   */
  static @Nullable Long version(@Nullable String etag) {
    var matcher = etag == null ? null : JOB_ETAG.matcher(etag);
    if (matcher == null || !matcher.matches()) {
      return null;
    }
    return Long.parseLong(matcher.group(1));
  }
}
