package dev.punctual.api.execution;

import dev.punctual.api.system.Page;
import dev.punctual.api.system.ProblemSchema;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The OpenAPI description of a job's executions. */
@Tag(name = "Executions", description = "The history of a job's runs")
interface ExecutionApi {

  @Operation(
      operationId = "listExecutions",
      summary = "List a job's executions",
      description =
          "One entry per attempt, newest first, as reported by the workers on the results topic.")
  @ApiResponse(
      responseCode = "200",
      description = "A page of executions",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ExecutionPageSchema.class)))
  @ApiResponse(
      responseCode = "400",
      description = "Invalid limit or cursor",
      content =
          @Content(
              mediaType = "application/problem+json",
              schema = @Schema(implementation = ProblemSchema.class)))
  @ApiResponse(
      responseCode = "404",
      description = "No such job",
      content =
          @Content(
              mediaType = "application/problem+json",
              schema = @Schema(implementation = ProblemSchema.class)))
  Page<Execution> list(
      @Parameter(description = "job id", example = "nightly-report") String id,
      @Parameter(description = "page size, 1 to 500 (default 50)") @Nullable Integer limit,
      @Parameter(description = "`nextCursor` of the previous page") @Nullable String cursor);

  @Schema(name = "ExecutionPage")
  record ExecutionPageSchema(
      List<Execution> items,
      @Schema(description = "pass as `cursor` for the next page; null on the last page")
          @Nullable String nextCursor) {}
}
