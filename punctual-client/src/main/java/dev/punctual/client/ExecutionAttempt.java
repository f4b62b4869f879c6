package dev.punctual.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.punctual.model.event.ExecutionStatus;
import dev.punctual.model.event.Trigger;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One attempt of a fire, as {@code GET /jobs/{id}/executions} and {@code GET /executions/{fireId}}
 * show it. Members the client does not know yet (from a newer API) are ignored.
 *
 * @param fireId the fire; a retry keeps it
 * @param attempt 1-based attempt number
 * @param trigger why it fired
 * @param status {@value #FIRED} from when the scheduler fired it until the worker reports, then the
 *     name of an {@link ExecutionStatus}
 * @param scheduledAt the nominal occurrence
 * @param dueAt when this attempt was due
 * @param startedAt when the worker started it; {@code null} until it reported
 * @param finishedAt when the worker finished it; {@code null} until it reported
 * @param workerId which worker ran it
 * @param detail what the target answered
 * @param error why it failed; {@code null} on success
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExecutionAttempt(
    String fireId,
    int attempt,
    Trigger trigger,
    String status,
    Instant scheduledAt,
    Instant dueAt,
    @Nullable Instant startedAt,
    @Nullable Instant finishedAt,
    @Nullable String workerId,
    @Nullable JsonNode detail,
    @Nullable String error) {

  /** The status of an attempt fired but not reported on yet. */
  public static final String FIRED = "FIRED";

  /** How the attempt ended; empty while it has not been reported on. */
  public Optional<ExecutionStatus> outcome() {
    return FIRED.equals(status) ? Optional.empty() : Optional.of(ExecutionStatus.valueOf(status));
  }
}
