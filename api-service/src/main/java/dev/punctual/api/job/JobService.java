package dev.punctual.api.job;

import dev.punctual.api.ApiProperties;
import dev.punctual.api.audit.AuditAction;
import dev.punctual.api.audit.AuditLog;
import dev.punctual.api.audit.AuditOrigin;
import dev.punctual.api.job.idempotency.IdempotencyKeys;
import dev.punctual.api.outbox.Outbox;
import dev.punctual.api.security.CurrentCaller;
import dev.punctual.api.system.ConflictException;
import dev.punctual.api.system.NotFoundException;
import dev.punctual.api.system.UnprocessableContentException;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.validation.InvalidJobDefinitionException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes jobs. Every write locks (or inserts) the job's row, changes it and appends to the outbox
 * in one transaction, so a definition is durable before the API answers, reaches Kafka even if the
 * process dies right after (the outbox guarantee), and one job's records reach Kafka in the order
 * their transactions committed. A write that changes nothing (the same definition again, pausing a
 * paused job) keeps the version and publishes nothing.
 */
@Service
class JobService {

  private static final Logger log = LoggerFactory.getLogger(JobService.class);

  /** The outcome of a write: the job, and whether this request created it. */
  record Written(JobRow job, boolean isNew) {}

  private final JobRepository repository;
  private final JobChanges changes;
  private final IdempotencyKeys keys;
  private final Outbox outbox;
  private final AuditLog auditLog;
  private final Clock clock;
  private final Duration keyRetention;

  JobService(
      JobRepository repository,
      JobChanges changes,
      IdempotencyKeys keys,
      Outbox outbox,
      AuditLog auditLog,
      Clock clock,
      ApiProperties properties) {
    this.repository = repository;
    this.changes = changes;
    this.keys = keys;
    this.outbox = outbox;
    this.auditLog = auditLog;
    this.clock = clock;
    this.keyRetention = properties.idempotencyKeyRetention();
  }

  /**
   * Creates the job. Creating a job that exists with the same definition changes nothing and
   * returns it, so a client may retry a create. With an idempotency key, a retry of a create
   * without id returns the job the first request created. The audit entry of the outcome (201 or
   * 200) is written in the same transaction, so it commits with the job and costs no commit of its
   * own; a refused create is recorded by the audit filter instead.
   *
   * @param idGiven whether the request named the id (else it was generated for this request)
   * @param origin who asked, for the audit log
   * @throws ConflictException when a job with that id exists with another definition
   * @throws UnprocessableContentException when the key was used for another request
   */
  @Transactional
  Written create(
      JobDefinition definition,
      boolean idGiven,
      @Nullable String idempotencyKey,
      AuditOrigin origin) {
    Written written = null;
    if (idempotencyKey != null) {
      var now = clock.instant();
      if (!keys.claim(idempotencyKey, definition, now, now.minus(keyRetention))) {
        written = replay(idempotencyKey, definition, idGiven);
      }
    }
    if (written == null) {
      written = createOrMatch(definition);
    }
    var job = written.job();
    auditLog.recordWithChange(
        origin, AuditAction.CREATE, job.id(), job.version(), written.isNew() ? 201 : 200);
    return written;
  }

  /**
   * Creates the job, or returns the existing one if it has the same definition.
   *
   * @throws ConflictException when a job with that id exists with another definition
   */
  @Transactional
  Written createOrMatch(JobDefinition definition) {
    return createOrMatchInCurrentTransaction(definition)
        .orElseThrow(
            () ->
                new ConflictException(
                    "A job with id '"
                        + definition.id()
                        + "' already exists with a different definition (ids are unique across"
                        + " namespaces). Change it with PUT /jobs/"
                        + definition.id()
                        + ", or choose another id."));
  }

  /**
   * {@link #createOrMatch} in the caller's transaction, answering a conflict with an empty result
   * rather than an exception (which would mark the caller's transaction for rollback). Masked
   * credential headers take the stored job's values.
   *
   * @throws InvalidJobDefinitionException when a masked header has no stored value (not in a
   *     transaction of its own, so the caller's is not marked for rollback)
   */
  Optional<Written> createOrMatchInCurrentTransaction(JobDefinition requested) {
    var definition = changes.unmasked(requested);
    var job = JobRow.created(definition, clock.instant());
    // Inserting first takes the row (or waits for a concurrent create of the same id to finish),
    // so outbox rows of one job are appended in the order their transactions commit.
    var canonical = CanonicalJob.of(job.definition());
    if (repository.insertIfAbsent(canonical)) {
      changes.publish(job, canonical.json());
      return Optional.of(new Written(job, true));
    }
    var existing =
        repository
            .findForUpdate(definition.id())
            .orElseThrow(() -> concurrentlyDeleted(definition));
    if (!existing.definition().sameDefinitionAs(definition)) {
      return Optional.empty();
    }
    return Optional.of(new Written(existing, false));
  }

  /**
   * Replaces the job's definition, or creates the job when there is none (and no {@code If-Match}
   * asks for one). Masked credential headers keep the stored values.
   */
  @Transactional
  Written replace(JobRequestBody request, Preconditions preconditions) {
    var id = request.definition().id();
    var current = changes.findVisibleForUpdate(id);
    if (current == null && repository.find(id).isPresent()) {
      // Another namespace's job: answered like an unknown one, and never replaced.
      throw NotFoundException.job(id);
    }
    // A PUT without namespace keeps the job where it is.
    var placed =
        current != null && !request.namespaceGiven()
            ? request.definition().withNamespace(current.definition().namespace())
            : request.definition();
    var definition = MaskedHeaders.restored(placed, current == null ? null : current.definition());
    preconditions.check(definition.id(), current);
    if (current == null) {
      var created = JobRow.created(definition, clock.instant());
      var canonical = CanonicalJob.of(created.definition());
      if (repository.insertIfAbsent(canonical)) {
        changes.publish(created, canonical.json());
        return new Written(created, true);
      }
      // Created concurrently between our read and insert: replace that one instead.
      current = repository.findForUpdate(id).orElseThrow(() -> concurrentlyDeleted(definition));
      if (!CurrentCaller.sees(current.definition().namespace())) {
        throw NotFoundException.job(id);
      }
      preconditions.check(id, current);
    }
    return new Written(changes.change(current, existing -> definition), false);
  }

  /**
   * Deletes the job and publishes a tombstone for it.
   *
   * @throws NotFoundException when there is no such job
   */
  @Transactional
  void delete(String id, Preconditions preconditions) {
    var current = changes.findVisibleForUpdate(id);
    preconditions.check(id, current);
    if (current == null) {
      throw NotFoundException.job(id);
    }
    repository.delete(id);
    outbox.append(id, null);
    log.debug("Deleted job {} at version {}", id, current.version());
  }

  private Written replay(String key, JobDefinition definition, boolean idGiven) {
    var entry = keys.find(key).orElseThrow(() -> concurrentlyForgotten(key));
    var request = idGiven ? definition : definition.withId(entry.jobId());
    if (!request.id().equals(entry.jobId()) || !entry.request().sameDefinitionAs(request)) {
      throw new UnprocessableContentException(
          IdempotencyKeys.HEADER,
          "The Idempotency-Key '"
              + key
              + "' was used for another request (which created job '"
              + entry.jobId()
              + "'). Send exactly the same body to retry that request, or use a new key for a"
              + " new one.");
    }
    var job =
        repository
            .find(entry.jobId())
            .filter(found -> CurrentCaller.sees(found.definition().namespace()))
            .orElseThrow(
                () ->
                    new ConflictException(
                        "The job '"
                            + entry.jobId()
                            + "' that this Idempotency-Key created has been deleted since. Use a"
                            + " new key to create it again."));
    return new Written(job, false);
  }

  private static ConflictException concurrentlyDeleted(JobDefinition definition) {
    return new ConflictException(
        "The job '"
            + definition.id()
            + "' was deleted while this request wrote it; send the request again.");
  }

  private static IllegalStateException concurrentlyForgotten(String key) {
    return new IllegalStateException(
        "the idempotency key " + key + " was taken but cannot be read; this indicates a bug");
  }
}
