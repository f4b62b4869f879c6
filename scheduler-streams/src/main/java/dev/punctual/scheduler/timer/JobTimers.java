package dev.punctual.scheduler.timer;

import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.job.JobStatus;
import dev.punctual.model.job.RunProgress;
import dev.punctual.model.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The timers of the jobs of one Kafka Streams task: applies definitions, deletes jobs, fires what
 * is due (scheduled occurrences, catch-ups after misfires, retries) and turns results into retries.
 * All state goes through {@link JobStateStore}, which keeps the time index consistent.
 *
 * <p>Every method takes {@code now}, the task's wall-clock time, and never fires a timer due after
 * it, so no fire is emitted before its due time; except {@link #fireDue}, with a lead time.
 */
public final class JobTimers {

  private static final Logger log = LoggerFactory.getLogger(JobTimers.class);

  private final JobStateStore store;
  private final Retries retries;
  private final Overlaps overlaps;
  private final FireTimers fireTimers;
  private final Duration misfireThreshold;

  JobTimers(JobStateStore store, FireSink sink, Duration misfireThreshold, int maxCatchUpFires) {
    this.store = store;
    this.retries = new Retries(store, sink);
    this.overlaps = new Overlaps(store, sink);
    this.fireTimers =
        new FireTimers(store, sink, retries, overlaps, misfireThreshold, maxCatchUpFires);
    this.misfireThreshold = misfireThreshold;
  }

  /**
   * The timers in the stores of the task that {@code context} belongs to.
   *
   * @param misfireThreshold an occurrence processed more than this late is missed
   * @param maxCatchUpFires at most this many fires catch up the missed occurrences of a {@code
   *     FIRE_ALL} job at once
   * @param counter told of every change of a job's status
   * @param mark the task's low-water mark, shared by its processors
   */
  public static JobTimers of(
      ProcessorContext<?, ?> context,
      FireSink sink,
      Duration misfireThreshold,
      int maxCatchUpFires,
      JobCounter counter,
      ScanMark mark) {
    var store =
        new JobStateStore(
            context.getStateStore(TimerStores.JOB_STATE),
            context.getStateStore(TimerStores.TIMER_INDEX),
            counter,
            mark);
    return new JobTimers(store, sink, misfireThreshold, maxCatchUpFires);
  }

  public @Nullable JobState find(String jobId) {
    return store.find(jobId);
  }

  /**
   * Keeps the {@code parameters} manual fire {@code fireId} of the job in {@code state} was
   * triggered with, for its retries and its dead-letter record, until its final result.
   */
  public void keepManualParameters(JobState state, String fireId, ObjectNode parameters) {
    store.save(state, state.withManualParameters(fireId, parameters));
  }

  /**
   * Rebuilds the task's time index from its job states, which is how the index is restored (it has
   * no changelog), and counts the jobs of each status on the way: a full scan of the job-state
   * store, for a task that starts.
   */
  public Map<JobStatus, Long> rebuildIndex() {
    return store.rebuildIndex();
  }

  /**
   * Applies a definition read from the jobs topic: a new job, an update, a pause or a resume.
   *
   * @param writtenAt when the definition was written to the topic (the record's timestamp): a new
   *     job's occurrences count from then if that is at most its misfire threshold ago, so that a
   *     scheduler busy or restarting when the job was created skips none of them
   */
  public void define(JobDefinition definition, Instant now, Instant writtenAt) {
    define(definition, null, now, writtenAt);
  }

  /**
   * Applies a definition read from the jobs topic with the run progress its record carries, if any
   * (see {@link #define(JobDefinition, Instant, Instant)}). A job this task does not know yet
   * starts from that progress ({@link #restore}); a known job keeps its own, which is at least as
   * recent.
   */
  public void define(
      JobDefinition definition, @Nullable RunProgress progress, Instant now, Instant writtenAt) {
    var existing = store.find(definition.id());
    if (existing == null && progress != null) {
      restore(definition, progress, now, seenAt(definition, writtenAt, now));
    } else if (existing == null) {
      scheduleNew(definition, now, seenAt(definition, writtenAt, now));
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
      // DEBUG: deleting a million jobs must not write a million lines.
      log.debug("Deleted job {} ({} retries owed dropped)", jobId, existing.retries().size());
    }
  }

  /**
   * Fires the timers due at or before {@code until} ({@code now} plus the lead time), earliest
   * first, until {@code limit} units of work are done; see {@link FireTimers#fireDue}.
   *
   * @return the units of work done
   */
  public int fireDue(Instant now, Instant until, int limit) {
    return fireTimers.fireDue(now, until, limit);
  }

  /**
   * The occurrences of {@code state}'s schedule in [{@code from}, {@code to}), oldest first, with
   * its anchor, {@code startAt} and {@code endAt} ({@code maxRuns} aside): what a backfill fires.
   * At most {@code max + 1}, so that a caller can tell a range with more than {@code max}.
   */
  public static List<Instant> occurrencesIn(JobState state, Instant from, Instant to, int max) {
    return Occurrences.firstOccurrences(
        state.definition().schedule(), state.anchor(), from, to.minusMillis(1), max + 1);
  }

  /**
   * Acts on a result read from the results topic at {@code now}: schedules a retry, or ends the
   * fire; a final result of the job's open fire fires the occurrence buffered behind it, if any.
   */
  public ResultOutcome recordResult(ExecutionFinished result, Instant now) {
    var state = store.find(result.jobId());
    var outcome = retries.record(state, result);
    // Only a job with an open fire (an overlap policy other than ALLOW) waits for a result: the
    // others skip a second read of their state per result.
    var open = state == null ? null : state.open();
    if (outcome.isFinal() && open != null && open.fireId().equals(result.fireId())) {
      overlaps.finished(result.jobId(), result.fireId(), now);
    }
    return outcome;
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
    fireTimers.fireOverdue(scheduled, now);
  }

  /**
   * Starts a job this task does not know from the progress its record carries (a scheduler on empty
   * state after a re-sync of the jobs topic): its runs and last occurrence as they were, nothing
   * planned when it had completed, else its first occurrence after both the last one fired and
   * {@code seenAt}. It never fires an occurrence at or before the last one fired, so a one-time job
   * that ran, or a {@code maxRuns} job that reached its count, does not fire again.
   */
  private void restore(
      JobDefinition definition, RunProgress progress, Instant now, Instant seenAt) {
    var anchor = definition.createdAt() != null ? definition.createdAt() : seenAt;
    var state =
        JobState.unscheduled(definition, anchor)
            .restored(progress.runCount(), progress.lastScheduledAt());
    if (definition.paused()) {
      store.save(null, state.paused());
      return;
    }
    if (progress.completed()) {
      store.save(null, state);
      return;
    }
    boolean neverRan = progress.runCount() == 0 && progress.lastScheduledAt() == null;
    if (neverRan) {
      scheduleNew(definition, now, seenAt);
      return;
    }
    var scheduled = state.scheduledFor(Occurrences.resumeAt(state, seenAt));
    store.save(null, scheduled);
    fireTimers.fireOverdue(scheduled, now);
  }

  /**
   * Where a new job's occurrences count from: when its definition was written, if that is at most
   * the misfire threshold ago (a scheduler that was busy or restarting skips nothing); else now (a
   * definition read long after it was written, such as an old topic read by a new application, does
   * not catch up on a job the scheduler never knew).
   */
  private Instant seenAt(JobDefinition definition, Instant writtenAt, Instant now) {
    var threshold = definition.schedule().options().misfireThresholdOr(misfireThreshold);
    var fresh = !writtenAt.isAfter(now) && !writtenAt.isBefore(now.minus(threshold));
    return fresh ? writtenAt : now;
  }

  private void replace(JobState existing, JobDefinition definition, Instant now) {
    // Occurrences that fell due before this update fire under the definition they were due
    // under, rather than being skipped because the update computes the next one from now.
    fireTimers.fireOverdue(existing, now);
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

  private static boolean isStale(JobDefinition definition, JobState existing) {
    var known = existing.definition().version();
    return definition.version() != null && known != null && definition.version() < known;
  }
}
