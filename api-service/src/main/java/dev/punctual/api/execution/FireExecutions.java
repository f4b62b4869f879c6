package dev.punctual.api.execution;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Every attempt of one fire ({@code GET /executions/{fireId}}).
 *
 * @param fireId the fire
 * @param jobId its job
 * @param attempts the attempts known so far, first attempt first
 */
@Schema(name = "FireExecutions", example = ExecutionApi.EXAMPLE_FIRE)
record FireExecutions(String fireId, String jobId, List<Execution> attempts) {}
