package dev.punctual.scheduler.timer;

import dev.punctual.model.schedule.MisfirePolicy;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A job's misfire policy applied to its missed occurrences: which catch-up fires to emit and how
 * many occurrences go without a fire of their own. A pure function of the job's state, the first
 * missed occurrence and now; {@link JobTimers} carries it out.
 *
 * <p>Every occurrence from the first missed one up to now is missed. {@code catchUpWindow} limits
 * the ones caught up to those at most that old. {@link MisfirePolicy#FIRE_ONCE} fires once for the
 * latest of them, with {@code missed} = how many it stands for; {@link MisfirePolicy#SKIP} fires
 * none; {@link MisfirePolicy#FIRE_ALL} fires each, oldest first, up to {@code maxCatchUpFires} and
 * the job's remaining {@code maxRuns}. All others are skipped.
 *
 * @param policy the policy applied
 * @param fires the catch-up fires, oldest first
 * @param missed how many occurrences were missed (estimated beyond {@value
 *     Occurrences#CRON_COUNT_LIMIT} cron occurrences)
 * @param skipped how many of them got no fire of their own
 * @param lastMissed the latest missed occurrence
 */
record CatchUp(
    MisfirePolicy policy, List<Fire> fires, long missed, long skipped, Instant lastMissed) {

  CatchUp {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(lastMissed, "lastMissed");
    fires = List.copyOf(fires);
  }

  /**
   * The catch-up of a job whose occurrence {@code firstMissed} is found missed at {@code now}: the
   * occurrences from it through {@code through} (now, or just before an occurrence whose jittered
   * due time is still ahead) are missed; the catch-up window counts back from {@code now}.
   */
  static CatchUp plan(
      JobState state, Instant firstMissed, Instant through, Instant now, int maxCatchUpFires) {
    var schedule = state.definition().schedule();
    var options = schedule.options();
    var anchor = state.anchor();
    var all = Occurrences.between(schedule, anchor, firstMissed, through);
    var windowStart = options.catchUpFrom(firstMissed, now);
    var inWindow =
        windowStart.equals(firstMissed)
            ? all
            : Occurrences.between(schedule, anchor, windowStart, through);
    long missed = Math.max(all.count(), inWindow.count());
    var policy = options.misfirePolicy();
    List<Fire> fires =
        switch (policy) {
          case SKIP -> List.of();
          case FIRE_ONCE ->
              inWindow.last() == null
                  ? List.of()
                  : List.of(new Fire(inWindow.last(), saturatedInt(inWindow.count())));
          case FIRE_ALL ->
              Occurrences.firstOccurrences(
                      schedule, anchor, windowStart, through, allowedFires(state, maxCatchUpFires))
                  .stream()
                  .map(occurrence -> new Fire(occurrence, 1))
                  .toList();
        };
    var lastMissed = all.last() != null ? all.last() : firstMissed;
    return new CatchUp(policy, fires, missed, missed - fires.size(), lastMissed);
  }

  /** The occurrence of the one fire that stands for all missed ones (FIRE_ONCE), if any. */
  @Nullable Instant firedForAll() {
    return policy == MisfirePolicy.FIRE_ONCE ? lastFired() : null;
  }

  /** The occurrence of the last catch-up fire, if any. */
  @Nullable Instant lastFired() {
    return fires.isEmpty() ? null : fires.getLast().scheduledAt();
  }

  private static int allowedFires(JobState state, int maxCatchUpFires) {
    var maxRuns = state.definition().schedule().options().maxRuns();
    if (maxRuns == null) {
      return maxCatchUpFires;
    }
    return (int) Math.max(0, Math.min(maxCatchUpFires, maxRuns - state.runs()));
  }

  private static int saturatedInt(long count) {
    return (int) Math.min(Integer.MAX_VALUE, count);
  }

  /**
   * One catch-up fire.
   *
   * @param scheduledAt the missed occurrence it fires
   * @param missed how many missed occurrences it stands for
   */
  record Fire(Instant scheduledAt, int missed) {}
}
