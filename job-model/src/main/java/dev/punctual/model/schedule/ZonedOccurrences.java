package dev.punctual.model.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import org.jspecify.annotations.Nullable;

/**
 * Places the wall-clock occurrences of a {@link CronExpression} in a time zone by a {@link
 * DaylightSaving} policy, and finds the first instant after a given one.
 *
 * <p>Wall times map to instants in wall-time order everywhere except in a fall-back overlap: there
 * every repeated wall time's first instant (the earlier offset) comes before every repeated wall
 * time's second instant (the later offset). So the search walks wall times in order, taking the
 * first instant of each, and where it meets an overlap it also looks for the earliest second
 * instant in that overlap; the answer is the earlier of the two. Skipped wall times (a gap under
 * {@link DaylightSaving.Gap#SKIP}, an overlap's first pass under {@link
 * DaylightSaving.Overlap#LAST}) are jumped over as a whole, so that a cron that fires every second
 * does not walk them one by one.
 */
final class ZonedOccurrences {

  private final CronExpression cron;
  private final ZoneRules rules;
  private final DaylightSaving policy;

  ZonedOccurrences(CronExpression cron, ZoneId zone, DaylightSaving policy) {
    this.cron = cron;
    this.rules = zone.getRules();
    this.policy = policy;
  }

  /** The first occurrence strictly after {@code after}; {@code null} if there is none. */
  @Nullable Instant nextAfter(Instant after) {
    var around = overlapAround(after);
    Instant best = around == null ? null : secondPass(around, after);
    var cursor = LocalDateTime.ofInstant(after, rules.getOffset(after));
    if (around != null && !after.isBefore(around.getInstant())) {
      // In the second pass every repeated wall time's first instant is already past.
      cursor = around.getDateTimeBefore().minusSeconds(1);
    }
    while (true) {
      var wall = cron.nextLocal(cursor);
      if (wall == null) {
        return best;
      }
      var found = instantOf(wall, after);
      if (found != null) {
        return best == null || found.isBefore(best) ? found : best;
      }
      cursor = skipFrom(wall);
    }
  }

  /**
   * The earliest instant after {@code after} that wall time {@code wall} yields under the policy,
   * counting, for a repeated wall time, the second instants of every wall time of its overlap.
   */
  private @Nullable Instant instantOf(LocalDateTime wall, Instant after) {
    var offsets = rules.getValidOffsets(wall);
    if (offsets.size() == 1) {
      var instant = wall.toInstant(offsets.getFirst());
      return instant.isAfter(after) ? instant : null;
    }
    var transition = rules.getTransition(wall);
    if (transition.isGap()) {
      var instant = transition.getInstant();
      return policy.gap() == DaylightSaving.Gap.FIRE_AT_TRANSITION && instant.isAfter(after)
          ? instant
          : null;
    }
    Instant first = null;
    if (policy.overlap() != DaylightSaving.Overlap.LAST) {
      var instant = wall.toInstant(transition.getOffsetBefore());
      first = instant.isAfter(after) ? instant : null;
    }
    var second = secondPass(transition, after);
    if (first == null || (second != null && second.isBefore(first))) {
      return second;
    }
    return first;
  }

  /** Where the walk goes on after {@code wall} yielded nothing: past a skipped gap or overlap. */
  private LocalDateTime skipFrom(LocalDateTime wall) {
    var transition = rules.getTransition(wall);
    if (transition == null) {
      return wall;
    }
    boolean skipsAll =
        transition.isGap()
            ? policy.gap() == DaylightSaving.Gap.SKIP
            : policy.overlap() == DaylightSaving.Overlap.LAST;
    if (!skipsAll) {
      return wall;
    }
    // The last second of the skipped wall times; never behind `wall`, so the walk moves on.
    var end = transition.isGap() ? transition.getDateTimeAfter() : transition.getDateTimeBefore();
    var last = end.minusSeconds(1);
    return last.isAfter(wall) ? last : wall;
  }

  /**
   * Under {@link DaylightSaving.Overlap#LAST} or {@link DaylightSaving.Overlap#BOTH}, the earliest
   * second instant (the later offset) after {@code after} of a wall time repeated by {@code
   * overlap}; {@code null} under {@link DaylightSaving.Overlap#FIRST} or when there is none.
   */
  private @Nullable Instant secondPass(ZoneOffsetTransition overlap, Instant after) {
    if (policy.overlap() == DaylightSaving.Overlap.FIRST) {
      return null;
    }
    var start = overlap.getDateTimeAfter().minusSeconds(1);
    var afterWall = LocalDateTime.ofInstant(after, overlap.getOffsetAfter());
    var wall = cron.nextLocal(afterWall.isAfter(start) ? afterWall : start);
    return wall != null && wall.isBefore(overlap.getDateTimeBefore())
        ? wall.toInstant(overlap.getOffsetAfter())
        : null;
  }

  /**
   * The fall-back overlap whose repeated wall times may have an instant after {@code after} while
   * lying before {@code after}'s own wall time: one whose first pass or second pass contains {@code
   * after}, that is {@code after} within one shift of the change.
   */
  private @Nullable ZoneOffsetTransition overlapAround(Instant after) {
    var previous = rules.previousTransition(after.plusNanos(1));
    if (previous != null
        && previous.isOverlap()
        && after.isBefore(previous.getInstant().minus(previous.getDuration()))) {
      return previous;
    }
    var next = rules.nextTransition(after);
    if (next != null
        && next.isOverlap()
        && !after.isBefore(next.getInstant().plus(next.getDuration()))) {
      return next;
    }
    return null;
  }
}
