package dev.punctual.api.audit;

import dev.punctual.api.system.Page;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The {@code audit_log} table. A write joins the caller's transaction when there is one (a create's
 * outcome, a batch's items, the projection of a topic record), so that an entry commits with the
 * change it records.
 */
@Repository
public class AuditLog {

  /** The request attribute that tells {@link RecordAudit} its handler's entry has committed. */
  static final String RECORDED_WITH_CHANGE = AuditLog.class.getName() + ".recordedWithChange";

  private final JdbcClient jdbc;
  private final Clock clock;

  AuditLog(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Records one change (or attempt).
   *
   * @param jobId the job, {@code null} when the action has none (resync, API keys) or it is unknown
   * @param version the job's version after the change, when known
   * @param status the HTTP status of the answer; {@code null} for a change made by another producer
   *     on the jobs topic (succeeded)
   * @param detail more about the subject, e.g. the API key id; {@code null} when nothing
   */
  public void record(
      AuditOrigin origin,
      AuditAction action,
      @Nullable String jobId,
      @Nullable Long version,
      @Nullable Integer status,
      @Nullable String detail) {
    jdbc.sql(
            """
            INSERT INTO audit_log
                (at, actor, action, job_id, version, remote_address, outcome, status, detail)
            VALUES (:at, :actor, :action, :jobId, :version, :remoteAddress, :outcome, :status,
                    :detail)
            """)
        .param("at", Timestamp.from(clock.instant()))
        .param("actor", origin.actor())
        .param("action", action.value())
        .param("jobId", jobId)
        .param("version", version)
        .param("remoteAddress", origin.remoteAddress())
        .param("outcome", (status == null ? Outcome.SUCCEEDED : Outcome.of(status)).value())
        .param("status", status)
        .param("detail", detail)
        .update();
  }

  /**
   * A change made by another producer on the jobs topic.
   *
   * @param action what changed
   * @param jobId the job
   * @param version the job's version after the change
   */
  public record TopicChange(AuditAction action, String jobId, long version) {}

  /**
   * Records changes made on the jobs topic in this order, as {@link #record} with {@code status}
   * and {@code detail} {@code null} one after another, in one statement.
   */
  public void recordAll(AuditOrigin origin, List<TopicChange> changes) {
    if (changes.isEmpty()) {
      return;
    }
    jdbc.sql(
            """
            INSERT INTO audit_log (at, actor, action, job_id, version, remote_address, outcome)
            SELECT CAST(:at AS timestamptz), CAST(:actor AS text), action, job_id, version,
                   CAST(:remoteAddress AS text), CAST(:outcome AS text)
            FROM unnest(CAST(:actions AS text[]), CAST(:jobIds AS text[]),
                        CAST(:versions AS bigint[]))
                 WITH ORDINALITY AS change(action, job_id, version, position)
            ORDER BY position
            """)
        .param("at", Timestamp.from(clock.instant()))
        .param("actor", origin.actor())
        .param("remoteAddress", origin.remoteAddress())
        .param("outcome", Outcome.SUCCEEDED.value())
        .param("actions", changes.stream().map(c -> c.action().value()).toArray(String[]::new))
        .param("jobIds", changes.stream().map(TopicChange::jobId).toArray(String[]::new))
        .param("versions", changes.stream().mapToLong(TopicChange::version).toArray())
        .update();
  }

  /**
   * Records the outcome of the current request in the transaction of the change it made, so that
   * the entry commits (or rolls back) with the change and needs no commit of its own. Once that
   * transaction commits, {@link RecordAudit} leaves the request alone; when it rolls back, the
   * filter records the refusal or failure as usual.
   *
   * @param status the HTTP status the request is answered with
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void recordWithChange(
      AuditOrigin origin,
      AuditAction action,
      @Nullable String jobId,
      @Nullable Long version,
      int status) {
    record(origin, action, jobId, version, status, null);
    markRecordedOnCommit();
  }

  /**
   * The outcome of one item of a request that changes many jobs.
   *
   * @param jobId the job, {@code null} when an invalid item named none
   * @param version the job's version after the change, when it succeeded
   * @param status the item's HTTP status
   */
  public record Change(@Nullable String jobId, @Nullable Long version, int status) {}

  /** {@link #recordWithChange} for every item of one request, in this order, in one statement. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void recordAllWithChange(AuditOrigin origin, AuditAction action, List<Change> changes) {
    if (changes.isEmpty()) {
      return;
    }
    jdbc.sql(
            """
            INSERT INTO audit_log (at, actor, action, job_id, version, remote_address, outcome,
                                   status)
            SELECT CAST(:at AS timestamptz), CAST(:actor AS text), CAST(:action AS text), job_id, version,
                   CAST(:remoteAddress AS text), outcome, status
            FROM unnest(:jobIds, :versions, :outcomes, :statuses)
                 WITH ORDINALITY AS a(job_id, version, outcome, status, n)
            ORDER BY n
            """)
        .param("at", Timestamp.from(clock.instant()))
        .param("actor", origin.actor())
        .param("action", action.value())
        .param("remoteAddress", origin.remoteAddress())
        .param("jobIds", new SqlArrayValue("text", changes.stream().map(Change::jobId).toArray()))
        .param(
            "versions",
            new SqlArrayValue("bigint", changes.stream().map(Change::version).toArray()))
        .param(
            "outcomes",
            new SqlArrayValue(
                "text", changes.stream().map(c -> Outcome.of(c.status()).value()).toArray()))
        .param(
            "statuses",
            new SqlArrayValue("integer", changes.stream().map(Change::status).toArray()))
        .update();
    markRecordedOnCommit();
  }

  /**
   * Marks the current request, if any, as recorded once the current transaction commits: the mark
   * is set (pending) now and confirmed at the end of the transaction, one synchronisation per
   * request also for a batch of a thousand items.
   */
  private static void markRecordedOnCommit() {
    var request = RequestContextHolder.getRequestAttributes();
    if (request == null
        || request.getAttribute(RECORDED_WITH_CHANGE, RequestAttributes.SCOPE_REQUEST) != null) {
      return;
    }
    request.setAttribute(RECORDED_WITH_CHANGE, Boolean.FALSE, RequestAttributes.SCOPE_REQUEST);
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCompletion(int outcome) {
            request.setAttribute(
                RECORDED_WITH_CHANGE, outcome == STATUS_COMMITTED, RequestAttributes.SCOPE_REQUEST);
          }
        });
  }

  /** Whether the request's handler recorded its outcome and that entry committed. */
  static boolean recordedWithChange(jakarta.servlet.http.HttpServletRequest request) {
    return Boolean.TRUE.equals(request.getAttribute(RECORDED_WITH_CHANGE));
  }

  /**
   * One page of entries, newest first.
   *
   * @param before the id of the last entry of the previous page; {@code null} for the first page
   */
  Page<AuditItem> page(AuditFilter filter, @Nullable Long before, int limit) {
    var where = new ArrayList<String>();
    var params = new HashMap<String, Object>();
    if (filter.jobId() != null) {
      where.add("job_id = :jobId");
      params.put("jobId", filter.jobId());
    }
    if (filter.actor() != null) {
      where.add("actor = :actor");
      params.put("actor", filter.actor());
    }
    if (filter.since() != null) {
      where.add("at >= :since");
      params.put("since", Timestamp.from(filter.since()));
    }
    if (before != null) {
      where.add("id < :before");
      params.put("before", before);
    }
    params.put("limit", limit + 1);
    List<AuditItem> fetched =
        jdbc.sql(
                "SELECT id, at, actor, action, job_id, version, remote_address, outcome, status"
                    + " FROM audit_log"
                    + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                    + " ORDER BY id DESC LIMIT :limit")
            .params(params)
            .query(
                (rs, n) ->
                    new AuditItem(
                        rs.getLong("id"),
                        rs.getTimestamp("at").toInstant(),
                        rs.getString("actor"),
                        rs.getString("action"),
                        rs.getString("job_id"),
                        rs.getObject("version", Long.class),
                        rs.getString("remote_address"),
                        rs.getString("outcome"),
                        rs.getObject("status", Integer.class)))
            .list();
    return Page.of(fetched, limit, item -> Long.toString(item.id()));
  }

  /**
   * The filters of {@code GET /admin/audit}; {@code null} where not filtered.
   *
   * @param since entries at or after this instant
   */
  record AuditFilter(@Nullable String jobId, @Nullable String actor, @Nullable Instant since) {}
}
