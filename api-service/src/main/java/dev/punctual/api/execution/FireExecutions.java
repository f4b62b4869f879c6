package dev.punctual.api.execution;

import java.util.List;

/**
 * Every attempt of one fire ({@code GET /executions/{fireId}}).
 *
 * @param fireId the fire
 * @param jobId its job
 * @param attempts the attempts known so far, first attempt first
 */
record FireExecutions(String fireId, String jobId, List<Execution> attempts) {}
