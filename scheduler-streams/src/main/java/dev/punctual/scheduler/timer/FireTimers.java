package dev.punctual.scheduler.timer;

import dev.punctual.model.event.JobFired;
import dev.punctual.model.event.MissedOccurrences;
import dev.punctual.model.log.LogContext;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the timers of one task's jobs that are due: scheduled occurrences (on time, or caught up
 * under the job's misfire policy when missed: processed more than the job's misfire threshold late,
 * or with its next occurrence due too) and retries. A scheduled timer is due at the occurrence plus
 * the job's jitter offset ({@link JobState#dueAtOf}). Never fires a timer due after {@code until}:
 * {@code now} itself, so that no fire is emitted before its due time, unless the scheduler has a
 * lead time. A fire emitted early keeps its {@code dueAt} (the worker starts it then) and has
 * {@code firedAt = now}; misfires are still judged by how late {@code now} is after {@code dueAt}.
 */
final class FireTimers {

  private static final Logger log = LoggerFactory.getLogger(FireTimers.class);

  /** Bounds the occurrences an update fires under the old definition before replacing it. */
  private static final int MAX_OVERDUE_FIRES = 10_000;

  private final JobStateStore store;
  private final FireSink sink;
  private final Retries retries;
  private final Overlaps overlaps;
  private final Duration misfireThreshold;
  private final int maxCatchUpFires;
  private final CatchUpLog catchUpLog = new CatchUpLog();

  FireTimers(
      JobStateStore store,
      FireSink sink,
      Retries retries,
      Overlaps overlaps,
      Duration misfireThreshold,
      int maxCatchUpFires) {
    this.store = store;
    this.sink = sink;
    this.retries = retries;
    this.overlaps = overlaps;
    this.misfireThreshold = misfireThreshold;
    this.maxCatchUpFires = maxCatchUpFires;
  }

  /**
   * Fires the timers due at or before {@code until} (at least {@code now}), earliest first, until
   * {@code limit} units of work are done (a timer is one unit, or as many as the catch-up fires it
   * emits); the rest stay due for the next call. An occurrence that falls due again because the job
   * is behind fires within the same call.
   *
   * @return the units of work done
   */
  int fireDue(Instant now, Instant until, int limit) {
    if (until.isBefore(now)) {
      throw new IllegalArgumentException(
          "timers due up to " + until + " before now (" + now + "); this indicates a bug");
    }
    int work = 0;
    while (work < limit) {
      var due = store.due(until, limit - work);
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
    catchUpLog.flush(now);
    return work;
  }

  /** Fires the occurrences of {@code state} that are already due, before its definition changes. */
  void fireOverdue(JobState state, Instant now) {
    for (int i = 0; i < MAX_OVERDUE_FIRES && state != null; i++) {
      var next = state.nextFireAt();
      if (next == null || state.dueAtOf(next).isAfter(now)) {
        return;
      }
      fireGuarded(TimerKey.scheduled(state.dueAtOf(next), state.jobId()), now);
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
        var occurrence = state == null ? null : state.nextFireAt();
        if (occurrence == null || !timer.dueAt().equals(state.dueAtOf(occurrence))) {
          throw new IllegalStateException(
              "timer " + timer + " does not match the job's state; this indicates a bug");
        }
        yield fireScheduled(state, occurrence, now);
      }
      case RETRY -> retries.fire(state, timer, now);
      case RELEASE -> overlaps.releaseDue(state, timer, now);
    };
  }

  /**
   * Fires {@code occurrence}, or catches up when it is missed: more than the job's misfire
   * threshold late, or its next occurrence already due as well (see {@link
   * dev.punctual.model.schedule.ScheduleOptions#isMissed}).
   */
  private int fireScheduled(JobState state, Instant occurrence, Instant now) {
    var schedule = state.definition().schedule();
    var next = Occurrences.nextAfter(schedule, state.anchor(), state.runs() + 1, occurrence);
    var nextDueAt = next == null ? null : state.dueAtOf(next);
    if (schedule.options().isMissed(state.dueAtOf(occurrence), nextDueAt, now, misfireThreshold)) {
      return catchUp(state, occurrence, now);
    }
    var admitted = overlaps.admit(state, occurrence, now);
    if (admitted == null) {
      return 0;
    }
    var fire = JobFired.scheduled(admitted.definition(), occurrence, now, 0);
    sink.emit(fire);
    var after =
        Occurrences.nextAfter(
            admitted.definition().schedule(), admitted.anchor(), admitted.runs() + 1, occurrence);
    store.save(
        admitted, overlaps.opened(admitted.firedAndScheduledFor(occurrence, after), fire, now));
    return 1;
  }

  /**
   * The job missed its occurrences from {@code firstMissed} up to now: its misfire policy decides
   * which fire, and it continues with its first occurrence after now.
   */
  private int catchUp(JobState state, Instant firstMissed, Instant now) {
    var through = episodeEnd(state, firstMissed, now);
    var plan = CatchUp.plan(state, firstMissed, through, now, maxCatchUpFires);
    var updated = state;
    for (var fire : plan.fires()) {
      var emitted = JobFired.scheduled(state.definition(), fire.scheduledAt(), now, fire.missed());
      sink.emit(emitted);
      updated = overlaps.opened(updated, emitted, now);
    }
    sink.missed(plan.policy(), plan.missed(), plan.skipped());
    sink.missed(
        new MissedOccurrences(
            state.jobId(),
            MissedOccurrences.Reason.MISFIRE,
            plan.policy().name(),
            firstMissed,
            plan.lastMissed(),
            plan.missed(),
            plan.firedForAll(),
            now));
    int fired = plan.fires().size();
    var schedule = state.definition().schedule();
    var next = Occurrences.nextAfter(schedule, state.anchor(), state.runs() + fired, through);
    store.save(state, updated.firedAndScheduledFor(fired, plan.lastFired(), next));
    var message =
        "Job {} missed {} occurrences since {} (processed {} late: more than the misfire"
            + " threshold of {}, or its next occurrence due too); misfire policy {}: {} catch-up"
            + " fires, {} skipped; next at {}";
    Object[] arguments = {
      state.jobId(),
      plan.missed(),
      firstMissed,
      Duration.between(firstMissed, now),
      schedule.options().misfireThresholdOr(misfireThreshold),
      plan.policy(),
      fired,
      plan.skipped(),
      next
    };
    if (catchUpLog.inFull(now)) {
      log.info(message, arguments);
    } else {
      log.debug(message, arguments);
      catchUpLog.summed(plan.missed(), fired, plan.skipped());
    }
    return fired;
  }

  /**
   * The end of a misfire episode found at {@code now}: now, unless the latest occurrence up to now
   * is not due yet because of its jitter; then just before it, so that it fires on its own timer
   * and nothing fires before its due time. Jitter is shorter than the gap between occurrences, so
   * only that latest one can be ahead of now; {@code firstMissed} itself is always due.
   */
  private static Instant episodeEnd(JobState state, Instant firstMissed, Instant now) {
    if (state.definition().schedule().options().jitter().isZero()) {
      return now;
    }
    var latest =
        Occurrences.between(state.definition().schedule(), state.anchor(), firstMissed, now);
    if (latest.last() != null
        && latest.last().isAfter(firstMissed)
        && state.dueAtOf(latest.last()).isAfter(now)) {
      return latest.last().minusMillis(1);
    }
    return now;
  }
}
