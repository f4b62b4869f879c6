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
import org.springframework.stereotype.Repository;

/**
 * The {@code audit_log} table. A write joins the caller's transaction when there is one (a batch's
 * items, the projection of a topic record), so that an entry commits with the change it records.
 */
@Repository
public class AuditLog {

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
