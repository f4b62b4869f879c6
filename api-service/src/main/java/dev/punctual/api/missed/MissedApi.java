package dev.punctual.api.missed;

import dev.punctual.api.openapi.JobId;
import dev.punctual.api.openapi.JobNotFound;
import dev.punctual.api.openapi.PageCursor;
import dev.punctual.api.openapi.PageLimit;
import dev.punctual.api.system.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The OpenAPI description of a job's missed occurrences. */
@Tag(name = "Executions", description = "The history of a job's runs")
interface MissedApi {

  String EXAMPLE =
      """
      {"reason": "MISFIRE", "policy": "FIRE_ONCE", "from": "2027-03-13T01:00:00Z",
       "to": "2027-03-13T01:00:28Z", "count": 15, "firedScheduledAt": "2027-03-13T01:00:28Z",
       "detectedAt": "2027-03-13T01:00:30.120Z"}
      """;

  @Operation(
      operationId = "listMissedOccurrences",
      summary = "List a job's missed occurrences",
      description =
          "One entry per record the scheduler wrote to the missed topic, newest first: a misfire"
              + " episode (the scheduler was down or behind; `policy` is the job's misfirePolicy"
              + " and `firedScheduledAt` the catch-up fire, if any) or an occurrence skipped"
              + " because an earlier fire was still running (overlapPolicy SKIP). Paused time"
              + " produces nothing.")
  @ApiResponse(
      responseCode = "200",
      description = "A page of missed occurrences",
      content = @Content(schema = @Schema(implementation = MissedPageSchema.class)))
  @ApiResponse(responseCode = "400", description = "Invalid limit or cursor")
  @JobNotFound
  Page<Missed> list(
      @JobId String id, @PageLimit @Nullable Integer limit, @PageCursor @Nullable String cursor);

  @Schema(
      name = "MissedOccurrencesPage",
      example = "{\"items\": [" + EXAMPLE + "], \"nextCursor\": null}")
  record MissedPageSchema(
      List<Missed> items,
      @Schema(description = "pass as `cursor` for the next page; null on the last page")
          @Nullable String nextCursor) {}
}
