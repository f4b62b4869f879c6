package dev.punctual.api.job;

import dev.punctual.api.outbox.Outbox;
import dev.punctual.api.system.NotFoundException;
import dev.punctual.model.event.JobCommand;
import dev.punctual.model.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Pauses, resumes and triggers jobs, each in one transaction with its outbox record. */
@Service
class JobActions {

  private static final Logger log = LoggerFactory.getLogger(JobActions.class);

  private final JobChanges changes;
  private final Outbox outbox;

  JobActions(JobChanges changes, Outbox outbox) {
    this.changes = changes;
    this.outbox = outbox;
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
   * @return the command's request id (the manual fire's id is {@code <jobId>@manual-<requestId>})
   */
  @Transactional
  String trigger(String id, String requestId) {
    if (changes.findVisibleForUpdate(id) == null) {
      throw NotFoundException.job(id);
    }
    JobCommand command = new JobCommand.TriggerNow(requestId);
    outbox.appendCommand(id, Json.MAPPER.writerFor(JobCommand.class).writeValueAsBytes(command));
    log.debug("Triggered job {} (request {})", id, requestId);
    return requestId;
  }
}
