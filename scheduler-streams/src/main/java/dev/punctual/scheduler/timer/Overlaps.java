package dev.punctual.scheduler.timer;

import dev.punctual.model.event.JobFired;
import dev.punctual.model.event.MissedOccurrences;
import dev.punctual.model.schedule.OverlapPolicy;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's overlap policy: whether an occurrence due while an earlier scheduled fire of the job has
 * no final result fires ({@code ALLOW}), is skipped ({@code SKIP}) or waits for that result ({@code
 * BUFFER_ONE}, at most one occurrence). The running fire is the job's {@link OpenFire}: opened when
 * a scheduled fire is emitted, closed when its final result arrives (success, or a failure with no
 * retry left) or when its bound passes. Retries of the open fire keep it open; manual triggers and
 * backfills neither open it nor wait for it. Jobs under {@code ALLOW} track nothing, so their state
 * and the work per result are unchanged.
 *
 * <p>A skipped occurrence is reported at once, one {@link MissedOccurrences} per occurrence (reason
 * {@code OVERLAP}, {@code count} 1), and the job goes on with its next occurrence.
 */
final class Overlaps {

  private static final Logger log = LoggerFactory.getLogger(Overlaps.class);

  private final JobStateStore store;
  private final FireSink sink;

  Overlaps(JobStateStore store, FireSink sink) {
    this.store = store;
    this.sink = sink;
  }

  /**
   * Applies the overlap policy to {@code occurrence}, due and processed at {@code now}: when an
   * earlier fire is still open, buffers or skips it and stores the job with its next occurrence. An
   * occurrence buffered behind a fire whose bound passed fires first.
   *
   * @return the job's state to fire the occurrence from, or {@code null} when it was held back
   *     (then nothing is left for the caller to do)
   */
  @Nullable JobState admit(JobState state, Instant occurrence, Instant now) {
    var current = releaseIfPastBound(state, now);
    var open = current.open();
    var policy = policyOf(current);
    if (policy == OverlapPolicy.ALLOW || open == null || !open.isOpenAt(now)) {
      return current;
    }
    var schedule = current.definition().schedule();
    if (policy == OverlapPolicy.BUFFER_ONE && open.buffered() == null) {
      var next = Occurrences.nextAfter(schedule, current.anchor(), current.runs() + 1, occurrence);
      store.save(
          current,
          current.firedAndScheduledFor(occurrence, next).withOpen(open.buffering(occurrence)));
      log.debug("Occurrence {} of job {} waits for {}", occurrence, current.jobId(), open);
      return null;
    }
    var next = Occurrences.nextAfter(schedule, current.anchor(), current.runs(), occurrence);
    store.save(current, current.scheduledFor(next));
    sink.missed(
        new MissedOccurrences(
            current.jobId(),
            MissedOccurrences.Reason.OVERLAP,
            policy.name(),
            occurrence,
            occurrence,
            1,
            open.buffered(),
            now));
    log.info(
        "Skipped occurrence {} of job {}: fire {} has no final result yet (overlap policy {})",
        occurrence,
        current.jobId(),
        open.fireId(),
        policy);
    return null;
  }

  /**
   * {@code state} after emitting the scheduled {@code fire} at {@code now}: the fire is the job's
   * open fire, unless the job allows overlaps, or an occurrence still waits for the open fire (a
   * catch-up fire, which the policy does not hold back): that one keeps its place.
   */
  JobState opened(JobState state, JobFired fire, Instant now) {
    var open = state.open();
    if (open != null && open.buffered() != null) {
      return state;
    }
    if (policyOf(state) == OverlapPolicy.ALLOW) {
      return open == null ? state : state.withOpen(null);
    }
    var startedAt = fire.dueAt().isAfter(now) ? fire.dueAt() : now;
    return state.withOpen(OpenFire.opened(state.definition(), fire.fireId(), startedAt));
  }

  /** The final result of {@code fireId} arrived at {@code now}: a buffered occurrence fires. */
  void finished(String jobId, String fireId, Instant now) {
    var state = store.find(jobId);
    var open = state == null ? null : state.open();
    if (state != null && open != null && open.fireId().equals(fireId)) {
      release(state, now);
    }
  }

  /**
   * The {@link TimerKind#RELEASE} timer is due: the open fire counts as finished and the buffered
   * occurrence fires. A timer that no longer matches was released already, in the same scan.
   *
   * @return how many fires it emitted
   */
  int releaseDue(@Nullable JobState state, TimerKey timer, Instant now) {
    var open = state == null ? null : state.open();
    if (state == null || open == null || !timer.equals(open.releaseTimer(state.jobId()))) {
      return 0;
    }
    log.info(
        "Fire {} of job {} has no final result by {}: counting it finished",
        open.fireId(),
        state.jobId(),
        open.finishBy());
    release(state, now);
    return 1;
  }

  private JobState releaseIfPastBound(JobState state, Instant now) {
    var open = state.open();
    if (open == null || open.buffered() == null || open.isOpenAt(now)) {
      return state;
    }
    return release(state, now);
  }

  /** Closes the open fire; the occurrence buffered behind it, if any, fires and is open next. */
  private JobState release(JobState state, Instant now) {
    var open = state.open();
    var buffered = open == null ? null : open.buffered();
    if (buffered == null) {
      var closed = state.withOpen(null);
      store.save(state, closed);
      return closed;
    }
    var fire = JobFired.scheduled(state.definition(), buffered, now, 0);
    sink.emit(fire);
    var released = opened(state.withOpen(null), fire, now);
    store.save(state, released);
    return released;
  }

  private static OverlapPolicy policyOf(JobState state) {
    return state.definition().schedule().options().overlapPolicy();
  }
}
