package dev.punctual.api.audit;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the audit log as {@code GET /admin/audit} shows it.
 *
 * @param id position in the log (newest highest); not shown, only in cursors
 * @param at when it was recorded
 * @param actor who: {@code key:<id>}, {@code jwt:<sub>}, {@code bootstrap-admin}, {@code anonymous}
 *     (security off), {@code unauthenticated} (answered 401) or {@code topic}
 * @param action {@code create}, {@code update}, {@code delete}, {@code pause}, {@code resume},
 *     {@code trigger}, {@code backfill}, {@code resync}, {@code key-issue} or {@code key-revoke}
 * @param jobId the job, when the action has one
 * @param version the job's version after the change (the answer's {@code ETag})
 * @param remoteAddress the client's address; {@code null} for {@code topic}
 * @param outcome {@code succeeded}, {@code refused} (4xx) or {@code failed} (5xx)
 * @param status the HTTP status of the answer; {@code null} for {@code topic}
 */
@Schema(name = "AuditEntry")
@JsonPropertyOrder({
  "at",
  "actor",
  "action",
  "jobId",
  "version",
  "remoteAddress",
  "outcome",
  "status"
})
record AuditItem(
    @JsonIgnore long id,
    Instant at,
    String actor,
    String action,
    @Nullable String jobId,
    @Nullable Long version,
    @Nullable String remoteAddress,
    String outcome,
    @Nullable Integer status) {}
