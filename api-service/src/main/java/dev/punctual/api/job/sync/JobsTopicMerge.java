package dev.punctual.api.job.sync;

import dev.punctual.api.job.JobRow;
import dev.punctual.api.job.PostgresStorable;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.json.JobDefinitionCodec;
import dev.punctual.model.topic.ReservedTopics;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How a record of the jobs topic (written by another producer, or read back by the database
 * re-sync) is merged into the {@code jobs} table, becoming a {@link JobRow}. Its bookkeeping fields
 * are optional there: a record without {@code version} is a new version after the stored one;
 * without {@code createdAt} the job counts as created when the record was produced.
 */
final class JobsTopicMerge {

  private JobsTopicMerge() {}

  /**
   * Reads a record's value the way the scheduler does (the key is the id when the definition has
   * none) and checks it can be stored. A Kafka target on a reserved topic makes the record unusable
   * here as in the scheduler, which dead-letters it and keeps a job it would change as it was: so
   * the API neither shows such a definition as a job nor lets it replace a stored one.
   *
   * @param reserved the topics a Kafka target must not write to
   * @throws IllegalArgumentException with a message a person can act on when it cannot be used
   */
  static JobDefinition read(String key, byte[] value, ReservedTopics reserved) {
    var definition = PostgresStorable.require(JobDefinitionCodec.parse(value, key));
    reserved.requireAllowed(definition);
    if (!definition.id().equals(key)) {
      throw new IllegalArgumentException(
          "the definition's id '"
              + definition.id()
              + "' differs from the record key '"
              + key
              + "'; the key must be the job id");
    }
    return definition;
  }

  /**
   * What to store for a record, or {@code null} when it brings nothing newer than {@code current}:
   * a record with a version is newer only with a higher version; one without is newer when it
   * differs from the stored definition.
   *
   * @param produced when the record was produced (its timestamp)
   */
  static @Nullable JobDefinition newerThan(
      @Nullable JobRow current, JobDefinition record, Instant produced) {
    if (current == null) {
      long version = record.version() == null ? 1 : Math.max(1, record.version());
      var created = record.createdAt() != null ? record.createdAt() : produced;
      var updated = record.updatedAt() != null ? record.updatedAt() : produced;
      return record.withVersion(version, created, updated.isBefore(created) ? created : updated);
    }
    boolean newer =
        record.version() == null
            ? !record.sameDefinitionAs(current.definition())
            : record.version() > current.version();
    if (!newer) {
      return null;
    }
    long version = record.version() == null ? current.version() + 1 : record.version();
    var lastUpdate = current.definition().updatedAt();
    var updated = lastUpdate != null && produced.isBefore(lastUpdate) ? lastUpdate : produced;
    return record.withVersion(version, current.createdAt(), updated);
  }

  /** Whether a record names exactly the stored definition and version. */
  static boolean isCurrent(JobRow current, JobDefinition record) {
    return (record.version() == null || record.version() == current.version())
        && record.sameDefinitionAs(current.definition());
  }
}
