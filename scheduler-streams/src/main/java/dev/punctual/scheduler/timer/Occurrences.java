package dev.punctual.scheduler.timer;

import dev.punctual.model.schedule.Schedule;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** When a job fires next; pure functions over {@link Schedule}. */
final class Occurrences {

  private Occurrences() {}

  /**
   * The first occurrence strictly after {@code after}, or {@code null} when there is none: past
   * {@code endAt}, or {@code maxRuns} used up by {@code runsSoFar}.
   */
  static @Nullable Instant nextAfter(
      Schedule schedule, Instant anchor, long runsSoFar, Instant after) {
    if (schedule.options().isExhaustedAfter(runsSoFar)) {
      return null;
    }
    return schedule.nextAfter(after, anchor);
  }

  /**
   * The first occurrence at or after {@code now} and strictly after {@code lastScheduledAt}: where
   * a new, updated or resumed job continues, so that no occurrence fires twice.
   */
  static @Nullable Instant resumeAt(JobState state, Instant now) {
    var after = now.minusMillis(1);
    var last = state.lastScheduledAt();
    if (last != null && last.isAfter(after)) {
      after = last;
    }
    return nextAfter(state.definition().schedule(), state.anchor(), state.runs(), after);
  }

  /**
   * Whether {@code schedule} is a one-time job whose instant is already past at {@code now} but
   * inside its {@code startAt}/{@code endAt} window: a candidate for a catch-up fire.
   */
  static boolean isPastOneTime(Schedule schedule, Instant now) {
    return schedule instanceof Schedule.Once once
        && once.at().isBefore(now)
        && once.firstAtOrAfter(once.at(), once.at()) != null;
  }
}
