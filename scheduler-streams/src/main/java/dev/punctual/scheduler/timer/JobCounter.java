package dev.punctual.scheduler.timer;

import dev.punctual.model.job.JobStatus;
import org.jspecify.annotations.Nullable;

/**
 * Told of every change of a job's status in one task's stores, so that the number of jobs per
 * status is known without scanning the store.
 */
@FunctionalInterface
public interface JobCounter {

  /** Counts nothing. */
  JobCounter NONE = (before, after) -> {};

  /**
   * A job went from {@code before} to {@code after}; {@code null} means it did not exist (before)
   * or was deleted (after).
   */
  void changed(@Nullable JobStatus before, @Nullable JobStatus after);
}
