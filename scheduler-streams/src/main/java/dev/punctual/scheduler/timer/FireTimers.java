package dev.punctual.scheduler.timer;

import dev.punctual.model.event.JobFired;
import dev.punctual.model.log.LogContext;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the timers of one task's jobs that are due: scheduled occurrences (on time, or caught up
 * under the job's misfire policy when processed more than the misfire threshold late) and retries.
 * Never fires a timer due after {@code until}: {@code now} itself, so that no fire is emitted
 * before its due time, unless the scheduler has a lead time. A fire emitted early keeps its {@code
 * dueAt} (the worker starts it then) and has {@code firedAt = now}; misfires are still judged by
 * how late {@code now} is after {@code dueAt}.
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
    return work;
  }

  /** Fires the occurrences of {@code state} that are already due, before its definition changes. */
  void fireOverdue(JobState state, Instant now) {
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
      case RELEASE -> overlaps.releaseDue(state, timer, now);
    };
  }

  private int fireScheduled(JobState state, Instant occurrence, Instant now) {
    if (Duration.between(occurrence, now).compareTo(misfireThreshold) > 0) {
      return catchUp(state, occurrence, now);
    }
    var admitted = overlaps.admit(state, occurrence, now);
    if (admitted == null) {
      return 0;
    }
    var fire = JobFired.scheduled(admitted.definition(), occurrence, now, 0);
    sink.emit(fire);
    var schedule = admitted.definition().schedule();
    var next = Occurrences.nextAfter(schedule, admitted.anchor(), admitted.runs() + 1, occurrence);
    store.save(
        admitted, overlaps.opened(admitted.firedAndScheduledFor(occurrence, next), fire, now));
    return 1;
  }

  /**
   * The job missed its occurrences from {@code firstMissed} up to now: its misfire policy decides
   * which fire, and it continues with its first occurrence after now.
   */
  private int catchUp(JobState state, Instant firstMissed, Instant now) {
    var plan = CatchUp.plan(state, firstMissed, now, maxCatchUpFires);
    var updated = state;
    for (var fire : plan.fires()) {
      var emitted = JobFired.scheduled(state.definition(), fire.scheduledAt(), now, fire.missed());
      sink.emit(emitted);
      updated = overlaps.opened(updated, emitted, now);
    }
    sink.missed(plan.policy(), plan.missed(), plan.skipped());
    int fired = plan.fires().size();
    var schedule = state.definition().schedule();
    var next = Occurrences.nextAfter(schedule, state.anchor(), state.runs() + fired, now);
    store.save(state, updated.firedAndScheduledFor(fired, plan.lastFired(), next));
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
}
