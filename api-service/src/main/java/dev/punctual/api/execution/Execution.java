package dev.punctual.api.execution;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One attempt of a fire, as the API shows it (the fields of an execution item).
 *
 * @param fireId the fire; a retry keeps it
 * @param attempt 1-based attempt number
 * @param trigger {@code SCHEDULE}, {@code MANUAL} or {@code RETRY}
 * @param status {@code SUCCEEDED}, {@code FAILED} or {@code TIMED_OUT} once the worker reported;
 *     {@code FIRED} from when the scheduler fired it until then
 * @param scheduledAt the nominal occurrence
 * @param dueAt when this attempt was due
 * @param startedAt when the worker started it
 * @param finishedAt when the worker finished it
 * @param workerId which worker ran it
 * @param detail what the target answered
 * @param error why it failed; {@code null} on success
 * @param sequence position in the history (newest highest); not shown, only in cursors
 */
@Schema(name = "Execution", example = ExecutionApi.EXAMPLE_EXECUTION)
@JsonPropertyOrder({
  "fireId",
  "attempt",
  "trigger",
  "status",
  "scheduledAt",
  "dueAt",
  "startedAt",
  "finishedAt",
  "workerId",
  "detail",
  "error"
})
record Execution(
    String fireId,
    int attempt,
    String trigger,
    @Schema(allowableValues = {"FIRED", "SUCCEEDED", "FAILED", "TIMED_OUT"}) String status,
    Instant scheduledAt,
    Instant dueAt,
    @Nullable Instant startedAt,
    @Nullable Instant finishedAt,
    @Nullable String workerId,
    @Schema(type = "object", description = "what the target answered") @Nullable JsonNode detail,
    @Nullable String error,
    @JsonIgnore @Schema(hidden = true) long sequence) {}
