package dev.punctual.api.job;

import dev.punctual.api.job.idempotency.IdempotencyKeys;
import dev.punctual.api.system.InvalidRequestException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/** What one does with a job besides editing it: pause, resume, trigger, backfill, look ahead. */
@RestController
@RequestMapping(path = "/jobs/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
class JobActionsController implements JobActionsApi {

  static final int DEFAULT_NEXT_RUNS = 10;
  static final int MAX_NEXT_RUNS = 100;

  private final JobActions jobs;
  private final JobQueries queries;
  private final Clock clock;

  JobActionsController(JobActions jobs, JobQueries queries, Clock clock) {
    this.jobs = jobs;
    this.queries = queries;
    this.clock = clock;
  }

  @Override
  @PostMapping("/pause")
  public ResponseEntity<ObjectNode> pause(
      @PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
    return ok(jobs.setPaused(id, true, new Preconditions(ifMatch, null)));
  }

  @Override
  @PostMapping("/resume")
  public ResponseEntity<ObjectNode> resume(
      @PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
    return ok(jobs.setPaused(id, false, new Preconditions(ifMatch, null)));
  }

  @Override
  @PostMapping("/trigger")
  public ResponseEntity<TriggerAccepted> trigger(
      @PathVariable String id,
      @RequestBody(required = false) byte @Nullable [] body,
      @RequestHeader(name = IdempotencyKeys.HEADER, required = false)
          @Nullable String idempotencyKey) {
    var requestId = requestId(idempotencyKey);
    var parameters = ActionBodies.triggerParameters(body);
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(new TriggerAccepted(jobs.trigger(id, requestId, parameters)));
  }

  @Override
  @PostMapping("/backfill")
  public ResponseEntity<TriggerAccepted> backfill(
      @PathVariable String id,
      @RequestBody(required = false) byte @Nullable [] body,
      @RequestHeader(name = IdempotencyKeys.HEADER, required = false)
          @Nullable String idempotencyKey) {
    var requestId = requestId(idempotencyKey);
    var range = ActionBodies.backfillRange(body);
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(new TriggerAccepted(jobs.backfill(id, requestId, range)));
  }

  /** The request id: the Idempotency-Key when given, so a retry has the same id, else new. */
  private static String requestId(@Nullable String idempotencyKey) {
    var key = IdempotencyKeys.requireValid(idempotencyKey);
    return key != null ? key : UUID.randomUUID().toString();
  }

  @Override
  @GetMapping("/next-runs")
  public NextRuns nextRuns(
      @PathVariable String id, @RequestParam(required = false) @Nullable Integer count) {
    int n = count == null ? DEFAULT_NEXT_RUNS : count;
    if (n < 1 || n > MAX_NEXT_RUNS) {
      throw new InvalidRequestException(
          "count", "must be between 1 and " + MAX_NEXT_RUNS + ", was " + n);
    }
    var occurrences = queries.nextRunsDue(id, n);
    return new NextRuns(id, occurrences.stream().map(NextRun::scheduledAt).toList(), occurrences);
  }

  /**
   * The answer to a trigger.
   *
   * @param requestId identifies the request; the manual fire's id is {@code
   *     <jobId>@manual-<requestId>}
   */
  @Schema(
      name = "TriggerAccepted",
      example = "{\"requestId\": \"5f0c6a2e-1b7d-4a8e-9c1f-2f5d8e7a9b10\"}")
  record TriggerAccepted(
      @Schema(description = "the manual fire's id is `<jobId>@manual-<requestId>`")
          String requestId) {}

  /**
   * The answer of {@code next-runs}.
   *
   * @param jobId the job
   * @param runs the next occurrences, earliest first
   * @param occurrences the same occurrences, each with when it is due
   */
  @Schema(
      name = "NextRuns",
      example =
          """
          {"jobId": "nightly-report",
           "runs": ["2027-03-13T07:30:00Z", "2027-03-14T07:00:00Z"],
           "occurrences": [
             {"scheduledAt": "2027-03-13T07:30:00Z", "dueAt": "2027-03-13T07:31:12.345Z"},
             {"scheduledAt": "2027-03-14T07:00:00Z", "dueAt": "2027-03-14T07:00:41.007Z"}]}
          """)
  record NextRuns(
      String jobId,
      @Schema(description = "the next occurrences (`scheduledAt`), ISO-8601 UTC, earliest first")
          List<Instant> runs,
      @Schema(description = "the same occurrences, each with the instant it is due")
          List<NextRun> occurrences) {}

  /**
   * One upcoming occurrence.
   *
   * @param scheduledAt the occurrence, as the schedule (and its daylight-saving policy) places it
   * @param dueAt when it fires: {@code scheduledAt} plus the job's jitter offset for this
   *     occurrence, which is the same on every call and in the scheduler; {@code scheduledAt}
   *     itself for a job without jitter
   */
  @Schema(name = "NextRun")
  record NextRun(
      @Schema(description = "the occurrence (its fire id is `<jobId>@<epoch millis>`)")
          Instant scheduledAt,
      @Schema(
              description =
                  "when it is due: scheduledAt plus the job's deterministic jitter offset in"
                      + " [0, jitter); equal to scheduledAt without jitter")
          Instant dueAt) {}

  private ResponseEntity<ObjectNode> ok(JobRow job) {
    var shown = JobResponseBody.of(job, clock.instant());
    return ResponseEntity.ok().eTag(job.etag(shown)).body(shown);
  }
}
