package dev.punctual.api.audit;

import dev.punctual.api.ApiProperties;
import dev.punctual.api.system.Cursor;
import dev.punctual.api.system.InvalidRequestException;
import dev.punctual.api.system.Page;
import dev.punctual.api.system.PageSize;
import dev.punctual.api.system.TextParameters;
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
class AuditController implements AuditApi {

  private final AuditLog log;
  private final ApiProperties properties;

  AuditController(AuditLog log, ApiProperties properties) {
    this.log = log;
    this.properties = properties;
  }

  @Override
  @GetMapping(path = "/admin/audit", produces = MediaType.APPLICATION_JSON_VALUE)
  public Page<AuditItem> list(
      @RequestParam(required = false) @Nullable String jobId,
      @RequestParam(required = false) @Nullable String actor,
      @RequestParam(required = false) @Nullable String since,
      @RequestParam(required = false) @Nullable Integer limit,
      @RequestParam(required = false) @Nullable String cursor) {
    var filter =
        new AuditLog.AuditFilter(
            blankAsNull(TextParameters.storable("jobId", jobId)),
            blankAsNull(TextParameters.storable("actor", actor)),
            instant(since));
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
