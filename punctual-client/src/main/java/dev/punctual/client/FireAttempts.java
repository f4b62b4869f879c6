package dev.punctual.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Every attempt of one fire ({@code GET /executions/{fireId}}).
 *
 * @param fireId the fire
 * @param jobId its job
 * @param attempts the attempts known so far, first attempt first
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FireAttempts(String fireId, String jobId, List<ExecutionAttempt> attempts) {

  public FireAttempts {
    attempts = List.copyOf(attempts);
  }
}
