package dev.punctual.api.live;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.JobFired;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One fire or result as the dashboard's event stream sends it: the fields of an execution item, so
 * that a client updates the attempt's row in place. No target, parameters or detail: a live event
 * says what happened, {@code GET /executions/{fireId}} says the rest.
 *
 * @param type {@code fired} (the scheduler emitted the attempt) or {@code finished} (the worker
 *     reported its outcome); also the SSE event's name
 * @param jobId the job
 * @param fireId the fire; a retry keeps it
 * @param attempt 1-based attempt number
 * @param trigger {@code SCHEDULE}, {@code MANUAL} or {@code RETRY}
 * @param status {@code FIRED}, or the outcome: {@code SUCCEEDED}, {@code FAILED}, {@code TIMED_OUT}
 * @param scheduledAt the nominal occurrence
 * @param dueAt when this attempt was due
 * @param firedAt when the scheduler emitted it (fired events only)
 * @param startedAt when the worker started it (finished events only)
 * @param finishedAt when the worker finished it (finished events only)
 * @param workerId which worker ran it (finished events only)
 * @param error why it failed; {@code null} on success
 */
@Schema(name = "LiveEvent", example = LiveEventsApi.EXAMPLE)
@JsonPropertyOrder({
  "type",
  "jobId",
  "fireId",
  "attempt",
  "trigger",
  "status",
  "scheduledAt",
  "dueAt",
  "firedAt",
  "startedAt",
  "finishedAt",
  "workerId",
  "error"
})
public record LiveEvent(
    @Schema(allowableValues = {FIRED, FINISHED}) String type,
    String jobId,
    String fireId,
    int attempt,
    String trigger,
    @Schema(allowableValues = {"FIRED", "SUCCEEDED", "FAILED", "TIMED_OUT"}) String status,
    Instant scheduledAt,
    Instant dueAt,
    @Nullable Instant firedAt,
    @Nullable Instant startedAt,
    @Nullable Instant finishedAt,
    @Nullable String workerId,
    @Nullable String error) {

  static final String FIRED = "fired";
  static final String FINISHED = "finished";

  /** The scheduler emitted an attempt. */
  public static LiveEvent fired(JobFired fire) {
    return new LiveEvent(
        FIRED,
        fire.jobId(),
        fire.fireId(),
        fire.attempt(),
        fire.trigger().name(),
        "FIRED",
        fire.scheduledAt(),
        fire.dueAt(),
        fire.firedAt(),
        null,
        null,
        null,
        null);
  }

  /** The worker reported an attempt's outcome. */
  public static LiveEvent finished(ExecutionFinished result) {
    return new LiveEvent(
        FINISHED,
        result.jobId(),
        result.fireId(),
        result.attempt(),
        result.trigger().name(),
        result.status().name(),
        result.scheduledAt(),
        result.dueAt(),
        null,
        result.startedAt(),
        result.finishedAt(),
        result.workerId(),
        result.error());
  }

  /** The SSE event id: the attempt and what happened to it. */
  String id() {
    return fireId + "#" + attempt + ":" + type;
  }
}
