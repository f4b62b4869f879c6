package dev.punctual.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.punctual.model.event.FireIds;

/**
 * The answer to a trigger or a backfill (202): the command is durable and will reach the scheduler.
 *
 * @param requestId identifies the request: the {@code Idempotency-Key} when one was sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Accepted(String requestId) {

  /** The id of the fire a trigger of {@code jobId} with this request produces. */
  public String manualFireId(String jobId) {
    return FireIds.manual(jobId, requestId);
  }
}
