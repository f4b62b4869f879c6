package dev.punctual.scheduler.timer;

import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.job.JobStatus;
import dev.punctual.model.log.LogContext;
import dev.punctual.model.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timers of the jobs of one Kafka Streams task: applies definitions, deletes jobs, fires what
 * is due (scheduled occurrences, catch-ups after misfires, retries) and turns results into retries.
 * All state goes through {@link JobStateStore}, which keeps the time index consistent.
 *
 * <p>Every method takes {@code now}, the task's wall-clock time, and never fires a timer due after
 * it, so no fire is emitted before its due time.
 */
public final class JobTimers {

  private static final Logger log = LoggerFactory.getLogger(JobTimers.class);

  /** Bounds the occurrences an update fires under the old definition before replacing it. */
  private static final int MAX_OVERDUE_FIRES = 10_000;

  private final JobStateStore store;
  private final FireSink sink;
  private final Retries retries;
  private final Duration misfireThreshold;
  private final int maxCatchUpFires;

  JobTimers(JobStateStore store, FireSink sink, Duration misfireThreshold, int maxCatchUpFires) {
    this.store = store;
    this.sink = sink;
    this.retries = new Retries(store, sink);
    this.misfireThreshold = misfireThreshold;
    this.maxCatchUpFires = maxCatchUpFires;
  }

  /**
   * The timers in the stores of the task that {@code context} belongs to.
   *
   * @param misfireThreshold an occurrence processed more than this late is missed
   * @param maxCatchUpFires at most this many fires catch up the missed occurrences of a {@code
   *     FIRE_ALL} job at once
   * @param counter told of every change of a job's status
   */
  public static JobTimers of(
      ProcessorContext<?, ?> context,
      FireSink sink,
      Duration misfireThreshold,
      int maxCatchUpFires,
      JobCounter counter) {
    var store =
        new JobStateStore(
            context.getStateStore(TimerStores.JOB_STATE),
            context.getStateStore(TimerStores.TIMER_INDEX),
            counter);
    return new JobTimers(store, sink, misfireThreshold, maxCatchUpFires);
  }

  public @Nullable JobState find(String jobId) {
    return store.find(jobId);
  }

  /** How many jobs of each status the task has: a full scan of its job-state store. */
  public Map<JobStatus, Long> countByStatus() {
    return store.countByStatus();
  }

  /**
   * Applies a definition read from the jobs topic: a new job, an update, a pause or a resume.
   *
   * @param writtenAt when the definition was written to the topic (the record's timestamp): a new
   *     job's occurrences count from then if that is at most the misfire threshold ago, so that a
   *     scheduler busy or restarting when the job was created skips none of them
   */
  public void define(JobDefinition definition, Instant now, Instant writtenAt) {
    var existing = store.find(definition.id());
    if (existing == null) {
      scheduleNew(definition, now, seenAt(writtenAt, now));
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

  /** Deletes a job and all its timers, retries included. */
  public void delete(String jobId) {
    var existing = store.find(jobId);
    if (existing != null) {
      store.remove(existing);
      log.info("Deleted job {} ({} retries owed dropped)", jobId, existing.retries().size());
    }
  }

  /**
   * Fires the timers due at or before {@code now}, earliest first, until {@code limit} units of
   * work are done (a timer is one unit, or as many as the catch-up fires it emits); the rest stay
   * due for the next call. An occurrence that falls due again because the job is behind fires
   * within the same call.
   *
   * @return the units of work done
   */
  public int fireDue(Instant now, int limit) {
    int work = 0;
    while (work < limit) {
      var due = store.due(now, limit - work);
      if (due.isEmpty()) {
        break;
      }
      for (var timer : due) {
        if (work >= limit) {
          break;
        }
        work += Math.max(1, fireGuarded(timer, now));
      }
    }
    return work;
  }

  /** Acts on a result read from the results topic: schedules a retry, or ends the fire. */
  public ResultOutcome recordResult(ExecutionFinished result) {
    return retries.record(result);
  }

  private void scheduleNew(JobDefinition definition, Instant now, Instant seenAt) {
    var anchor = definition.createdAt() != null ? definition.createdAt() : seenAt;
    var state = JobState.unscheduled(definition, anchor);
    if (definition.paused()) {
      store.save(null, state.paused());
      return;
    }
    // A one-time job whose instant is past fires right away: on time up to the misfire
    // threshold, else as a catch-up under its misfire policy.
    var next =
        Occurrences.isPastOneTime(definition.schedule(), seenAt)
            ? ((Schedule.Once) definition.schedule()).at()
            : Occurrences.resumeAt(state, seenAt);
    var scheduled = state.scheduledFor(next);
    store.save(null, scheduled);
    fireOverdue(scheduled, now);
  }

  /**
   * Where a new job's occurrences count from: when its definition was written, if that is at most
   * the misfire threshold ago (a scheduler that was busy or restarting skips nothing); else now (a
   * definition read long after it was written, such as an old topic read by a new application, does
   * not catch up on a job the scheduler never knew).
   */
  private Instant seenAt(Instant writtenAt, Instant now) {
    var fresh = !writtenAt.isAfter(now) && !writtenAt.isBefore(now.minus(misfireThreshold));
    return fresh ? writtenAt : now;
  }

  private void replace(JobState existing, JobDefinition definition, Instant now) {
    // Occurrences that fell due before this update fire under the definition they were due
    // under, rather than being skipped because the update computes the next one from now.
    fireOverdue(existing, now);
    var current = store.find(existing.jobId());
    if (current == null) {
      throw new IllegalStateException(
          "job " + existing.jobId() + " vanished while firing its overdue occurrence; a bug");
    }
    var anchor = definition.createdAt() != null ? definition.createdAt() : current.anchor();
    var updated = current.withDefinition(definition, anchor);
    if (definition.paused()) {
      store.save(current, updated.paused());
    } else {
      store.save(current, updated.scheduledFor(Occurrences.resumeAt(updated, now)));
    }
  }

  private void fireOverdue(JobState state, Instant now) {
    for (int i = 0; i < MAX_OVERDUE_FIRES && state != null; i++) {
      var next = state.nextFireAt();
      if (next == null || next.isAfter(now)) {
        return;
      }
      fireGuarded(TimerKey.scheduled(next, state.jobId()), now);
      state = store.find(state.jobId());
    }
  }

  /**
   * Fires one timer; a timer that fails is removed so that it cannot block the others.
   *
   * @return how many fires it emitted
   */
  private int fireGuarded(TimerKey timer, Instant now) {
    try (var job = LogContext.job(timer.jobId())) {
      return fire(timer, now);
    } catch (KafkaException e) {
      throw e; // fenced producer, migrated task, …: Kafka Streams must handle these
    } catch (RuntimeException e) {
      store.dropTimer(timer);
      sink.timerFailed(timer, e);
      return 0;
    }
  }

  private int fire(TimerKey timer, Instant now) {
    var state = store.find(timer.jobId());
    return switch (timer.kind()) {
      case SCHEDULE -> {
        if (state == null || !timer.dueAt().equals(state.nextFireAt())) {
          throw new IllegalStateException(
              "timer " + timer + " does not match the job's state; this indicates a bug");
        }
        yield fireScheduled(state, timer.dueAt(), now);
      }
      case RETRY -> retries.fire(state, timer, now);
    };
  }

  private int fireScheduled(JobState state, Instant occurrence, Instant now) {
    if (Duration.between(occurrence, now).compareTo(misfireThreshold) > 0) {
      return catchUp(state, occurrence, now);
    }
    sink.emit(JobFired.scheduled(state.definition(), occurrence, now, 0));
    var schedule = state.definition().schedule();
    var next = Occurrences.nextAfter(schedule, state.anchor(), state.runs() + 1, occurrence);
    store.save(state, state.firedAndScheduledFor(occurrence, next));
    return 1;
  }

  /**
   * The job missed its occurrences from {@code firstMissed} up to now: its misfire policy decides
   * which fire, and it continues with its first occurrence after now.
   */
  private int catchUp(JobState state, Instant firstMissed, Instant now) {
    var plan = CatchUp.plan(state, firstMissed, now, maxCatchUpFires);
    for (var fire : plan.fires()) {
      sink.emit(JobFired.scheduled(state.definition(), fire.scheduledAt(), now, fire.missed()));
    }
    sink.missed(plan.policy(), plan.missed(), plan.skipped());
    int fired = plan.fires().size();
    var schedule = state.definition().schedule();
    var next = Occurrences.nextAfter(schedule, state.anchor(), state.runs() + fired, now);
    store.save(state, state.firedAndScheduledFor(fired, plan.lastFired(), next));
    log.info(
        "Job {} missed {} occurrences since {} (processed {} late, more than the misfire"
            + " threshold of {}); misfire policy {}: {} catch-up fires, {} skipped; next at {}",
        state.jobId(),
        plan.missed(),
        firstMissed,
        Duration.between(firstMissed, now),
        misfireThreshold,
        plan.policy(),
        fired,
        plan.skipped(),
        next);
    return fired;
  }

  private static boolean isStale(JobDefinition definition, JobState existing) {
    var known = existing.definition().version();
    return definition.version() != null && known != null && definition.version() < known;
  }
}
