package dev.punctual.scheduler.topology;

import dev.punctual.model.job.JobStatus;
import dev.punctual.scheduler.timer.JobCounter;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.processor.TaskId;

/**
 * How many jobs of each status the active tasks of this instance hold, for the {@code
 * punctual.scheduler.jobs} gauge. Each task's counts are taken by a scan of its store when the task
 * starts (also after an aborted transaction rolled its state back) and then follow every change; a
 * scrape only adds up a few numbers.
 */
final class JobCounts {

  private final Map<TaskId, EnumMap<JobStatus, AtomicLong>> tasks = new ConcurrentHashMap<>();

  /** Sets the counts of a task that starts, replacing any it had. */
  void reset(TaskId task, Map<JobStatus, Long> counts) {
    var fresh = new EnumMap<JobStatus, AtomicLong>(JobStatus.class);
    for (var status : JobStatus.values()) {
      fresh.put(status, new AtomicLong(counts.getOrDefault(status, 0L)));
    }
    tasks.put(task, fresh);
  }

  /** Forgets a task that stopped (closed, migrated). */
  void remove(TaskId task) {
    tasks.remove(task);
  }

  /** The counter that keeps a task's counts up to date. */
  JobCounter counter(TaskId task) {
    return (before, after) -> {
      if (before == after) {
        return;
      }
      var counts = tasks.get(task);
      if (counts == null) {
        return; // the task is starting; its counts are about to be taken by a scan
      }
      if (before != null) {
        counts.get(before).decrementAndGet();
      }
      if (after != null) {
        counts.get(after).incrementAndGet();
      }
    };
  }

  /** The jobs of {@code status} over all tasks of this instance. */
  long total(JobStatus status) {
    long total = 0;
    for (var counts : tasks.values()) {
      total += counts.get(status).get();
    }
    return total;
  }
}
