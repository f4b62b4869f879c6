package dev.punctual.scheduler.timer;

import dev.punctual.model.event.JobFired;

/** Where {@link JobTimers} sends what it does: fires, and timers it had to give up. */
public interface FireSink {

  /** Emits a fire to the fires topic. */
  void emit(JobFired fire);

  /**
   * A timer could not be processed and was removed so that it cannot block the timers due after it;
   * the job fires again once its definition is updated.
   */
  void timerFailed(TimerKey timer, RuntimeException cause);
}
