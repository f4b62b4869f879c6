package dev.punctual.benchmarks.chaos;

import dev.punctual.benchmarks.measure.Phases;
import dev.punctual.model.event.FireIds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The stable jobs of the chaos run: {@code count} interval jobs that are never paused, changed or
 * deleted, so that every occurrence between their start and {@code end} must have exactly one fire
 * (from the moment the scheduler had them all: an interval job's occurrences start no earlier than
 * when it is first scheduled). Their phases are spread evenly over the period; even ones call the
 * HTTP target, odd ones write to the Kafka target topic. {@code misfirePolicy: FIRE_ALL}: while a
 * scheduler's tasks move or the broker restarts, a short period's next occurrence is often due too,
 * which the default {@code FIRE_ONCE} would collapse into one fire by design; under {@code
 * FIRE_ALL} every occurrence must still fire once. They end with the chaos ({@code endAt} just
 * before {@code end}), so that while the run settles the cluster works off what the chaos left
 * behind rather than a full load of new occurrences.
 *
 * @param prefix their ids are {@code <prefix><index>}
 * @param count how many
 * @param period their interval
 * @param start the first occurrence of job 0; job i's phase is {@link Phases#offset} later
 * @param end their occurrences are those before this instant
 * @param targetUrl the HTTP target's URL
 */
public record ChaosJobs(
    String prefix, int count, Duration period, Instant start, Instant end, String targetUrl) {

  /** The retry policy's attempts of every chaos job (the default policy's 3, stated). */
  public static final int MAX_ATTEMPTS = 3;

  public String id(int index) {
    return prefix + index;
  }

  /** Job {@code index}'s definition, as {@code POST /jobs/batch} takes it. */
  public String definition(int index) {
    var startAt = first(index);
    var target =
        index % 2 == 0
            ? "{\"type\":\"http\",\"method\":\"POST\",\"url\":\""
                + targetUrl
                + "\",\"timeout\":\"PT10S\"}"
            : "{\"type\":\"kafka\",\"topic\":\"bench.out\",\"payload\":\"x\"}";
    return "{\"id\":\""
        + id(index)
        + "\",\"schedule\":{\"every\":\""
        + period
        + "\",\"startAt\":\""
        + startAt
        + "\",\"endAt\":\""
        + end.minusMillis(1)
        + "\",\"misfirePolicy\":\"FIRE_ALL\"},\"target\":"
        + target
        + ",\"retry\":{\"maxAttempts\":"
        + MAX_ATTEMPTS
        + "}}";
  }

  private Instant first(int index) {
    return start.plusMillis(Phases.offset(index, count, period.toMillis()));
  }

  /** How many occurrences fall in {@code [from, end)}. */
  public long occurrencesBetween(Instant from, Instant end) {
    return Phases.expected(
        count, period.toMillis(), start.toEpochMilli(), from.toEpochMilli(), end.toEpochMilli());
  }

  /** Fire ids of the occurrences in {@code [from, end)} that did not fire. */
  public List<String> missedBetween(Instant from, Instant end, Predicate<String> fired) {
    var missed = new ArrayList<String>();
    for (int i = 0; i < count; i++) {
      for (var at = first(i); at.isBefore(end); at = at.plus(period)) {
        var fireId = FireIds.scheduled(id(i), at);
        if (!at.isBefore(from) && !fired.test(fireId)) {
          missed.add(fireId);
        }
      }
    }
    return missed;
  }

  /** The job of a scheduled fire's id ({@code <jobId>@<epoch ms>}, see {@link FireIds}). */
  static String jobIdOf(String fireId) {
    return fireId.substring(0, Math.max(0, fireId.lastIndexOf('@')));
  }

  /** The occurrence of a scheduled fire's id, in epoch milliseconds. */
  static long occurrenceOf(String fireId) {
    return Long.parseLong(fireId.substring(fireId.lastIndexOf('@') + 1));
  }
}
