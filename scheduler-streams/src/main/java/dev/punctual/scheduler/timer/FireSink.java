package dev.punctual.scheduler.timer;

import dev.punctual.model.event.JobFired;
import dev.punctual.model.event.MissedOccurrences;
import dev.punctual.model.schedule.MisfirePolicy;

/** Where {@link JobTimers} sends what it does: fires, missed occurrences, timers it gave up. */
public interface FireSink {

  /** Emits a fire to the fires topic. */
  void emit(JobFired fire);

  /**
   * A job missed {@code missed} occurrences (it was processed more than the misfire threshold late)
   * and {@code policy} left {@code skipped} of them without a fire of their own.
   */
  void missed(MisfirePolicy policy, long missed, long skipped);

  /**
   * Writes a record to the missed topic, in the same transaction as the fires: one per misfire
   * episode (reason {@code MISFIRE}) or skipped overlap (reason {@code OVERLAP}).
   */
  void missed(MissedOccurrences missed);

  /**
   * A timer could not be processed and was removed so that it cannot block the timers due after it;
   * the job fires again once its definition is updated.
   */
  void timerFailed(TimerKey timer, RuntimeException cause);
}
