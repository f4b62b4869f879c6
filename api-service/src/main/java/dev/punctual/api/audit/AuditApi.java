package dev.punctual.api.audit;

import dev.punctual.api.openapi.PageCursor;
import dev.punctual.api.openapi.PageLimit;
import dev.punctual.api.system.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

/** The OpenAPI description of the audit log. */
@Tag(name = "Admin")
interface AuditApi {

  @Operation(
      operationId = "listAudit",
      summary = "List the audit log",
      description =
          "Every change (create, update, delete, pause, resume, trigger, backfill, resync, API key"
              + " issue and revoke), refused attempts included, newest first. A batch has one"
              + " entry per item; changes produced straight onto the jobs topic have actor"
              + " `topic`.")
  @ApiResponse(responseCode = "200", description = "One page of entries, newest first")
  @ApiResponse(responseCode = "400", description = "Invalid since, limit or cursor")
  Page<AuditItem> list(
      @Parameter(description = "only entries of this job") @Nullable String jobId,
      @Parameter(description = "only entries of this actor, e.g. `key:3f2a…` or `topic`")
          @Nullable String actor,
      @Parameter(description = "only entries at or after this instant (RFC 3339)")
          @Nullable String since,
      @PageLimit @Nullable Integer limit,
      @PageCursor @Nullable String cursor);
}
