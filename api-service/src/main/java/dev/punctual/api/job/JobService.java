package dev.punctual.api.job;

import dev.punctual.api.outbox.Outbox;
import dev.punctual.api.system.ConflictException;
import dev.punctual.api.system.NotFoundException;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.json.JobDefinitionCodec;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes and reads jobs. Every write changes the {@code jobs} row and appends to the outbox in one
 * transaction, so a definition is durable before the API answers and reaches the jobs topic even if
 * the process dies right after (DESIGN.md guarantee 5).
 */
@Service
class JobService {

  /** The outcome of a create: the job, and whether this request created it. */
  record Created(StoredJob job, boolean isNew) {}

  private final JobStore store;
  private final Outbox outbox;
  private final Clock clock;

  JobService(JobStore store, Outbox outbox, Clock clock) {
    this.store = store;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * Creates the job. Creating a job that exists with the same definition changes nothing and
   * returns it, so a client may retry a create.
   *
   * @throws ConflictException when a job with that id exists with another definition
   */
  @Transactional
  Created create(JobDefinition definition) {
    var job = StoredJob.created(definition, clock.instant());
    // Inserting first takes the row (or waits for a concurrent create of the same id to finish),
    // so outbox rows of one job are appended in the order their transactions commit.
    if (store.insertIfAbsent(job)) {
      outbox.append(job.id(), JobDefinitionCodec.toBytes(job.definition()));
      return new Created(job, true);
    }
    var existing =
        store.find(definition.id()).orElseThrow(() -> concurrentlyDeleted(definition.id()));
    if (!existing.definition().sameDefinitionAs(definition)) {
      throw new ConflictException(
          "A job with id '"
              + definition.id()
              + "' already exists with a different definition. Change it with PUT /jobs/"
              + definition.id()
              + ", or choose another id.");
    }
    return new Created(existing, false);
  }

  @Transactional(readOnly = true)
  StoredJob get(String id) {
    return store.find(id).orElseThrow(() -> NotFoundException.job(id));
  }

  @Transactional(readOnly = true)
  List<StoredJob> listAfter(@Nullable String afterId, int limit) {
    return store.listAfter(afterId, limit);
  }

  /**
   * Deletes the job and publishes a tombstone for it.
   *
   * @throws NotFoundException when there is no such job
   */
  @Transactional
  void delete(String id) {
    if (!store.delete(id)) {
      throw NotFoundException.job(id);
    }
    outbox.append(id, null);
  }

  private static ConflictException concurrentlyDeleted(String id) {
    return new ConflictException(
        "The job '" + id + "' was deleted while this request created it; send the request again.");
  }
}
