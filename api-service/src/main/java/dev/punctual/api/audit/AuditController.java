package dev.punctual.api.audit;

import dev.punctual.api.ApiProperties;
import dev.punctual.api.openapi.PageCursor;
import dev.punctual.api.openapi.PageLimit;
import dev.punctual.api.system.Cursor;
import dev.punctual.api.system.InvalidRequestException;
import dev.punctual.api.system.Page;
import dev.punctual.api.system.PageSize;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /admin/audit}: the audit log, newest first, filtered and paginated. */
@RestController
@Tag(name = "Admin")
class AuditController {

  private final AuditLog log;
  private final ApiProperties properties;

  AuditController(AuditLog log, ApiProperties properties) {
    this.log = log;
    this.properties = properties;
  }

  @Operation(
      operationId = "listAudit",
      summary = "List the audit log",
      description =
          "Every change (create, update, delete, pause, resume, trigger, backfill, resync, API key"
              + " issue and revoke), refused attempts included, newest first. A batch has one"
              + " entry per item; changes produced straight onto the jobs topic have actor"
              + " `topic`.")
  @ApiResponse(responseCode = "200", description = "One page of entries, newest first")
  @ApiResponse(responseCode = "400", description = "Invalid jobId, actor, since, limit or cursor")
  @GetMapping(path = "/admin/audit", produces = MediaType.APPLICATION_JSON_VALUE)
  Page<AuditItem> list(
      @Parameter(description = "only entries of this job") @RequestParam(required = false)
          @Nullable String jobId,
      @Parameter(description = "only entries of this actor, e.g. `key:3f2a…` or `topic`")
          @RequestParam(required = false)
          @Nullable String actor,
      @Parameter(description = "only entries at or after this instant (RFC 3339)")
          @RequestParam(required = false)
          @Nullable String since,
      @PageLimit @RequestParam(required = false) @Nullable Integer limit,
      @PageCursor @RequestParam(required = false) @Nullable String cursor) {
    var filter = new AuditLog.AuditFilter(blankAsNull(jobId), blankAsNull(actor), instant(since));
    return log.page(filter, Cursor.decodeLong(cursor), PageSize.of(limit, properties));
  }

  private static @Nullable String blankAsNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static @Nullable Instant instant(@Nullable String since) {
    if (since == null || since.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(since).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException(
          "since", "must be an instant with offset, e.g. 2026-01-31T12:00:00Z");
    }
  }
}
