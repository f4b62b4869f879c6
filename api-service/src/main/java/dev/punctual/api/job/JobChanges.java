package dev.punctual.api.job;

import dev.punctual.api.outbox.Outbox;
import dev.punctual.api.security.CurrentCaller;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.json.JobDefinitionCodec;
import dev.punctual.model.log.LogContext;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps every write of a job is made of, inside the writer's transaction: find the job the
 * caller may see (locked), restore masked credential headers, change it, and publish the new
 * version through the outbox. {@link JobService} and {@link JobActions} are built from them.
 */
@Component
class JobChanges {

  private static final Logger log = LoggerFactory.getLogger(JobChanges.class);

  private final JobRepository repository;
  private final Outbox outbox;
  private final Clock clock;

  JobChanges(JobRepository repository, Outbox outbox, Clock clock) {
    this.repository = repository;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** {@code requested} with masked credential headers restored from the stored job, if any. */
  JobDefinition unmasked(JobDefinition requested) {
    if (!MaskedHeaders.sendsMask(requested)) {
      return requested;
    }
    var stored = repository.findForUpdate(requested.id()).orElse(null);
    return MaskedHeaders.restored(requested, stored == null ? null : stored.definition());
  }

  /**
   * The job, locked, if the caller sees its namespace; a job of another namespace is treated as
   * absent.
   */
  @Nullable JobRow findVisibleForUpdate(String id) {
    return repository
        .findForUpdate(id)
        .filter(job -> CurrentCaller.sees(job.definition().namespace()))
        .orElse(null);
  }

  JobRow change(JobRow current, UnaryOperator<JobDefinition> change) {
    var changed = change.apply(current.definition());
    if (changed.sameDefinitionAs(current.definition())) {
      return current;
    }
    var next = current.next(changed, clock.instant());
    repository.update(next.definition());
    publish(next);
    return next;
  }

  void publish(JobRow job) {
    publish(job, JobDefinitionCodec.toBytes(job.definition()));
  }

  /** {@link #publish(JobRow)} with the definition's canonical JSON already serialized. */
  void publish(JobRow job, byte[] json) {
    outbox.append(job.id(), json);
    try (var ignored = LogContext.job(job.id())) {
      log.debug("Stored job {} at version {}", job.id(), job.version());
    }
  }
}
