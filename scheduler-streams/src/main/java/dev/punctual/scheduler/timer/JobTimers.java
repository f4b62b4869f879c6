package dev.punctual.scheduler.timer;

import dev.punctual.model.event.JobFired;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.schedule.MisfirePolicy;
import dev.punctual.model.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timers of the jobs of one Kafka Streams task: applies definitions, deletes jobs and fires
 * what is due. It is the only writer of the two stores and keeps them consistent: the time index
 * holds exactly the {@link JobState#timers()} of every stored job.
 *
 * <p>Every method takes {@code now}, the task's wall-clock time, and never fires a timer due after
 * it, so no fire is emitted before its due time.
 */
public final class JobTimers {

  private static final Logger log = LoggerFactory.getLogger(JobTimers.class);

  private final KeyValueStore<String, JobState> jobs;
  private final KeyValueStore<Bytes, byte[]> index;
  private final FireSink sink;
  private final Duration misfireThreshold;
  private final int maxFiresPerBatch;

  JobTimers(
      KeyValueStore<String, JobState> jobs,
      KeyValueStore<Bytes, byte[]> index,
      FireSink sink,
      Duration misfireThreshold,
      int maxFiresPerBatch) {
    this.jobs = jobs;
    this.index = index;
    this.sink = sink;
    this.misfireThreshold = misfireThreshold;
    this.maxFiresPerBatch = maxFiresPerBatch;
  }

  /** The timers in the stores of the task that {@code context} belongs to. */
  public static JobTimers of(
      ProcessorContext<?, ?> context,
      FireSink sink,
      Duration misfireThreshold,
      int maxFiresPerBatch) {
    return new JobTimers(
        context.getStateStore(TimerStores.JOB_STATE),
        context.getStateStore(TimerStores.TIMER_INDEX),
        sink,
        misfireThreshold,
        maxFiresPerBatch);
  }

  public @Nullable JobState find(String jobId) {
    return jobs.get(jobId);
  }

  /** Applies a definition read from the jobs topic: a new job, an update, a pause or a resume. */
  public void define(JobDefinition definition, Instant now) {
    var existing = jobs.get(definition.id());
    if (existing == null) {
      scheduleNew(definition, now);
    } else if (isStale(definition, existing)) {
      log.info(
          "Ignoring version {} of job {}: version {} is already applied",
          definition.version(),
          definition.id(),
          existing.definition().version());
    } else {
      replace(existing, definition, now);
    }
  }

  /** Deletes a job and all its timers. */
  public void delete(String jobId) {
    var existing = jobs.get(jobId);
    if (existing != null) {
      existing.timers().forEach(timer -> index.delete(timer.toBytes()));
      jobs.delete(jobId);
    }
  }

  /**
   * Fires the timers due at or before {@code now}, earliest first, at most {@code limit}; the rest
   * stay due for the next call. An occurrence that falls due again because the job is behind fires
   * within the same call.
   *
   * @return how many timers were processed
   */
  public int fireDue(Instant now, int limit) {
    int processed = 0;
    while (processed < limit) {
      var due = dueTimers(now, limit - processed);
      if (due.isEmpty()) {
        break;
      }
      for (var timer : due) {
        fireGuarded(timer, now);
        processed++;
      }
    }
    return processed;
  }

  private void scheduleNew(JobDefinition definition, Instant now) {
    var anchor = definition.createdAt() != null ? definition.createdAt() : now;
    var state = JobState.unscheduled(definition, anchor);
    if (definition.paused()) {
      store(null, state.paused());
    } else if (Occurrences.isPastOneTime(definition.schedule(), now)) {
      catchUpOneTime(state, (Schedule.Once) definition.schedule(), now);
    } else {
      store(null, state.scheduledFor(Occurrences.resumeAt(state, now)));
    }
  }

  /**
   * A new one-time job whose instant is past. Up to the misfire threshold late it is merely late
   * and fires normally; beyond that it is a missed occurrence and follows the misfire policy.
   */
  private void catchUpOneTime(JobState state, Schedule.Once once, Instant now) {
    var late = Duration.between(once.at(), now);
    var options = once.options();
    if (late.compareTo(misfireThreshold) <= 0) {
      fireScheduled(state, once.at(), now, 0);
    } else if (options.misfirePolicy() == MisfirePolicy.SKIP
        || (options.catchUpWindow() != null && late.compareTo(options.catchUpWindow()) > 0)) {
      log.info(
          "One-time job {} was due at {}, {} ago; completing it without a fire (misfire policy"
              + " {}, catch-up window {})",
          state.jobId(),
          once.at(),
          late,
          options.misfirePolicy(),
          options.catchUpWindow());
      store(null, state);
    } else {
      fireScheduled(state, once.at(), now, 1);
    }
  }

  private void replace(JobState existing, JobDefinition definition, Instant now) {
    // Occurrences that fell due before this update fire under the definition they were due
    // under, rather than being skipped because the update computes the next one from now.
    fireOverdue(existing, now);
    var current = jobs.get(existing.jobId());
    var anchor = definition.createdAt() != null ? definition.createdAt() : current.anchor();
    var updated = current.withDefinition(definition, anchor);
    if (definition.paused()) {
      store(current, updated.paused());
    } else {
      store(current, updated.scheduledFor(Occurrences.resumeAt(updated, now)));
    }
  }

  private void fireOverdue(JobState state, Instant now) {
    for (int i = 0; i < maxFiresPerBatch; i++) {
      var next = state.nextFireAt();
      if (next == null || next.isAfter(now)) {
        return;
      }
      if (!fireGuarded(TimerKey.scheduled(next, state.jobId()), now)) {
        return;
      }
      state = jobs.get(state.jobId());
    }
  }

  private List<TimerKey> dueTimers(Instant now, int max) {
    var due = new ArrayList<TimerKey>(Math.min(max, 1_024));
    try (var timers = index.range(TimerKey.earliest(), TimerKey.dueUpTo(now))) {
      while (timers.hasNext() && due.size() < max) {
        due.add(TimerKey.fromBytes(timers.next().key));
      }
    }
    return due;
  }

  /** Fires one timer; a timer that fails is removed so that it cannot block the others. */
  private boolean fireGuarded(TimerKey timer, Instant now) {
    try {
      fire(timer, now);
      return true;
    } catch (KafkaException e) {
      throw e; // fenced producer, migrated task, …: Kafka Streams must handle these
    } catch (RuntimeException e) {
      index.delete(timer.toBytes());
      sink.timerFailed(timer, e);
      return false;
    }
  }

  private void fire(TimerKey timer, Instant now) {
    var state = jobs.get(timer.jobId());
    if (state == null || !timer.dueAt().equals(state.nextFireAt())) {
      throw new IllegalStateException(
          "timer " + timer + " does not match the job's state " + state + "; this indicates a bug");
    }
    switch (timer.kind()) {
      case SCHEDULE -> fireScheduled(state, timer.dueAt(), now, 0);
    }
  }

  private void fireScheduled(JobState state, Instant occurrence, Instant now, int missed) {
    sink.emit(JobFired.scheduled(state.definition(), occurrence, now, missed));
    var schedule = state.definition().schedule();
    var next = Occurrences.nextAfter(schedule, state.anchor(), state.runs() + 1, occurrence);
    store(jobs.get(state.jobId()), state.firedAndScheduledFor(occurrence, next));
  }

  private void store(@Nullable JobState before, JobState after) {
    if (before != null) {
      for (var timer : before.timers()) {
        if (!after.timers().contains(timer)) {
          index.delete(timer.toBytes());
        }
      }
    }
    for (var timer : after.timers()) {
      index.put(timer.toBytes(), TimerStores.NO_VALUE);
    }
    jobs.put(after.jobId(), after);
  }

  private static boolean isStale(JobDefinition definition, JobState existing) {
    var known = existing.definition().version();
    return definition.version() != null && known != null && definition.version() < known;
  }
}
