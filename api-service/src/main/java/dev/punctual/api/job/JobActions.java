package dev.punctual.api.job;

import dev.punctual.api.ApiProperties;
import dev.punctual.api.job.idempotency.IdempotencyKeys;
import dev.punctual.api.outbox.Outbox;
import dev.punctual.api.system.InvalidRequestException;
import dev.punctual.api.system.NotFoundException;
import dev.punctual.api.system.UnprocessableContentException;
import dev.punctual.model.event.JobCommand;
import dev.punctual.model.json.Json;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.ObjectNode;

/** Pauses, resumes, triggers and backfills jobs, each in one transaction with its outbox record. */
@Service
class JobActions {

  private static final Logger log = LoggerFactory.getLogger(JobActions.class);

  private final JobChanges changes;
  private final Outbox outbox;
  private final IdempotencyKeys keys;
  private final Clock clock;
  private final Duration retention;

  JobActions(
      JobChanges changes,
      Outbox outbox,
      IdempotencyKeys keys,
      Clock clock,
      ApiProperties properties) {
    this.changes = changes;
    this.outbox = outbox;
    this.keys = keys;
    this.clock = clock;
    this.retention = properties.idempotencyKeyRetention();
  }

  /** Pauses or resumes the job; doing it twice changes nothing the second time. */
  @Transactional
  JobRow setPaused(String id, boolean paused, Preconditions preconditions) {
    var current = changes.findVisibleForUpdate(id);
    preconditions.check(id, current);
    if (current == null) {
      throw NotFoundException.job(id);
    }
    return changes.change(current, existing -> existing.withPaused(paused));
  }

  /**
   * Asks the scheduler to fire the job now: a {@code TRIGGER} command through the outbox, after the
   * job's earlier definitions.
   *
   * @param parameters replace the job's parameters for this fire only; {@code null} for the job's
   * @return the command's request id (the manual fire's id is {@code <jobId>@manual-<requestId>})
   */
  @Transactional
  String trigger(String id, String requestId, @Nullable ObjectNode parameters) {
    if (changes.findVisibleForUpdate(id) == null) {
      throw NotFoundException.job(id);
    }
    if (append(id, requestId, new JobCommand.TriggerNow(requestId, parameters))) {
      log.debug("Triggered job {} (request {})", id, requestId);
    }
    return requestId;
  }

  /**
   * Asks the scheduler to fire every occurrence of the job's schedule in the range: a {@code
   * BACKFILL} command through the outbox, after the job's earlier definitions.
   *
   * @return the command's request id
   * @throws InvalidRequestException naming {@code to} when the range holds no occurrence or more
   *     than {@value JobCommand#MAX_BACKFILL_OCCURRENCES}
   */
  @Transactional
  String backfill(String id, String requestId, ActionBodies.Range range) {
    var job = changes.findVisibleForUpdate(id);
    if (job == null) {
      throw NotFoundException.job(id);
    }
    BackfillRange.requireOccurrences(job.definition(), range);
    if (append(id, requestId, new JobCommand.Backfill(requestId, range.from(), range.to()))) {
      log.debug(
          "Backfill of job {} from {} to {} (request {})", id, range.from(), range.to(), requestId);
    }
    return requestId;
  }

  /**
   * Appends the command unless its request id was already used for this job within the retention (a
   * retry with the same Idempotency-Key): the scheduler then fires once per request, not once per
   * retry. Whether it was appended.
   *
   * @throws UnprocessableContentException when the request id was used for another command (the
   *     same Idempotency-Key with other parameters, another range, or the other action)
   */
  private boolean append(String id, String requestId, JobCommand command) {
    var now = clock.instant();
    var bytes = Json.MAPPER.writerFor(JobCommand.class).writeValueAsBytes(command);
    return switch (keys.claimAction(id, requestId, bytes, now, now.minus(retention))) {
      case TAKEN -> {
        outbox.appendCommand(id, bytes);
        yield true;
      }
      case REPEATED -> {
        log.debug("Request {} of job {} was already accepted; no second command", requestId, id);
        yield false;
      }
      case CONFLICT ->
          throw new UnprocessableContentException(
              IdempotencyKeys.HEADER,
              "The Idempotency-Key '"
                  + requestId
                  + "' was used for another request to job '"
                  + id
                  + "' (other parameters, another range or the other action); use a new key for a"
                  + " new request");
    };
  }
}
