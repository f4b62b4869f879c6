package dev.punctual.scheduler.timer;

import dev.punctual.model.job.JobStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;

/**
 * The two stores of one task, kept consistent: the time index holds exactly the {@link
 * JobState#timers()} of every stored job. The only code that writes them.
 *
 * <p>The index is a queue (timers are deleted at the front as they fall due and added at the back),
 * so its front fills with deletion markers until RocksDB compacts them away. A scan from the start
 * would step over all of them on every punctuation; measured under steady load that seek cost as
 * much as the rest of the scheduler together. So scans start at a low-water mark instead: no timer
 * is ever due before it. Writing a timer below the mark lowers it; a scan raises it to the earliest
 * timer it found (or past {@code now} when nothing was due). A new task starts from the epoch. The
 * mark is the task's, shared by its processors ({@link ScanMark}).
 *
 * <p>The index is derived from the job states, so it has no changelog: {@link #rebuildIndex} builds
 * it from the job-state store (restored from its changelog) when a task starts. That saves two of
 * the four records a fire writes (the index's delete and put), and the broker's work for them.
 */
final class JobStateStore {

  private final KeyValueStore<String, JobState> jobs;
  private final KeyValueStore<Bytes, byte[]> index;
  private final JobCounter counter;
  private final ScanMark mark;

  JobStateStore(
      KeyValueStore<String, JobState> jobs,
      KeyValueStore<Bytes, byte[]> index,
      JobCounter counter,
      ScanMark mark) {
    this.jobs = jobs;
    this.index = index;
    this.counter = counter;
    this.mark = mark;
  }

  @Nullable JobState find(String jobId) {
    return jobs.get(jobId);
  }

  /** Stores {@code after} in place of {@code before} (null for a new job), timers included. */
  void save(@Nullable JobState before, JobState after) {
    var kept = after.timers();
    if (before != null) {
      for (var timer : before.timers()) {
        if (!kept.contains(timer)) {
          index.delete(timer.toBytes());
        }
      }
    }
    for (var timer : kept) {
      index.put(timer.toBytes(), TimerStores.NO_VALUE);
      mark.lowerTo(timer.dueAt().toEpochMilli());
    }
    jobs.put(after.jobId(), after);
    counter.changed(before == null ? null : before.status(), after.status());
  }

  /** Removes a job and all its timers. */
  void remove(JobState state) {
    state.timers().forEach(timer -> index.delete(timer.toBytes()));
    jobs.delete(state.jobId());
    counter.changed(state.status(), null);
  }

  /** Removes one timer from the index only: the way out for a timer that cannot be processed. */
  void dropTimer(TimerKey timer) {
    index.delete(timer.toBytes());
  }

  /** Up to {@code max} timers due at or before {@code until}, earliest first. */
  List<TimerKey> due(Instant until, int max) {
    var due = new ArrayList<TimerKey>(Math.min(max, 1_024));
    try (var timers = index.range(TimerKey.dueFrom(mark.get()), TimerKey.dueUpTo(until))) {
      while (timers.hasNext() && due.size() < max) {
        due.add(TimerKey.fromBytes(timers.next().key));
      }
    }
    mark.raiseTo(due.isEmpty() ? until.toEpochMilli() + 1 : due.getFirst().dueAt().toEpochMilli());
    return due;
  }

  /**
   * Rebuilds the time index from the job states (a full scan), for a task starting up: whatever the
   * index held (left from an earlier run of the task on this instance, possibly older than the
   * restored job states) is replaced by exactly the timers of the jobs stored now.
   *
   * @return how many jobs there are of each status
   */
  Map<JobStatus, Long> rebuildIndex() {
    try (var all = index.all()) {
      // RocksDB iterators read a snapshot, so deleting what they return is safe.
      all.forEachRemaining(entry -> index.delete(entry.key));
    }
    var counts = new EnumMap<JobStatus, Long>(JobStatus.class);
    for (var status : JobStatus.values()) {
      counts.put(status, 0L);
    }
    try (var all = jobs.all()) {
      all.forEachRemaining(
          entry -> {
            counts.merge(entry.value.status(), 1L, Long::sum);
            entry.value.timers().forEach(timer -> index.put(timer.toBytes(), TimerStores.NO_VALUE));
          });
    }
    mark.reset();
    return counts;
  }
}
