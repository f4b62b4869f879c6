package dev.punctual.api.job;

import dev.punctual.api.security.CurrentCaller;
import dev.punctual.api.system.Cursor;
import dev.punctual.api.system.NotFoundException;
import dev.punctual.api.system.Page;
import dev.punctual.model.event.FireIds;
import dev.punctual.model.schedule.Jitter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads jobs: one, a filtered page, the next runs of one. */
@Service
class JobQueries {

  /**
   * How many rows a filtered list reads at most for one page; when the filter matches few of them,
   * the page holds fewer than {@code limit} jobs and its {@code nextCursor} continues the scan.
   */
  static final int MAX_SCAN_ROUNDS = 10;

  private final JobRepository repository;
  private final Clock clock;

  JobQueries(JobRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  JobRow get(String id) {
    // A job of a namespace the caller does not see is answered like one that does not exist.
    return repository
        .find(id)
        .filter(job -> CurrentCaller.sees(job.definition().namespace()))
        .orElseThrow(() -> NotFoundException.job(id));
  }

  /**
   * A page of jobs in id order after the cursor's position, as shown at {@code now}. Without a
   * status filter, or with {@code PAUSED}, the database selects exactly the page; {@code ACTIVE}
   * and {@code COMPLETED} depend on the time and are checked here on the database's candidates.
   */
  @Transactional(readOnly = true)
  <T> Page<T> list(
      JobFilter filter,
      @Nullable String cursor,
      int limit,
      Instant now,
      Function<JobRow, T> representation) {
    var position = Cursor.decode(cursor);
    var matches = new ArrayList<JobRow>(limit + 1);
    for (int round = 0; round < MAX_SCAN_ROUNDS; round++) {
      var candidates = repository.candidatesAfter(position, filter, limit + 1);
      for (var job : candidates) {
        position = job.id();
        if (filter.matches(job, now)) {
          matches.add(job);
          if (matches.size() > limit) {
            return page(matches.subList(0, limit), matches.get(limit - 1).id(), representation);
          }
        }
      }
      if (candidates.size() <= limit) {
        return page(matches, null, representation);
      }
    }
    // Scanned enough rows for one request: the next page continues after the last one scanned.
    return page(matches, position, representation);
  }

  /**
   * Up to {@code count} next occurrences at or after now, computed like the scheduler does (anchor,
   * {@code startAt}, {@code endAt}, {@code maxRuns} with the runs known so far, daylight saving
   * time); none when the job is paused.
   */
  /**
   * The next occurrences, each with the instant it is due: later than it by the job's deterministic
   * jitter offset ({@link Jitter}), the same as the scheduler's.
   */
  @Transactional(readOnly = true)
  List<JobActionsController.NextRun> nextRunsDue(String id, int count) {
    var job = get(id);
    var jitter = job.definition().schedule().options().jitter();
    return nextRuns(job, count).stream()
        .map(
            at ->
                new JobActionsController.NextRun(
                    at, Jitter.dueAt(FireIds.scheduled(id, at), at, jitter)))
        .toList();
  }

  private List<Instant> nextRuns(JobRow job, int count) {
    var definition = job.definition();
    if (definition.paused()) {
      return List.of();
    }
    return definition
        .schedule()
        .upcoming(clock.instant(), job.createdAt(), job.scheduledRuns(), count);
  }

  private static <T> Page<T> page(
      List<JobRow> jobs, @Nullable String nextPosition, Function<JobRow, T> representation) {
    return new Page<>(
        jobs.stream().map(representation).toList(),
        nextPosition == null ? null : Cursor.encode(nextPosition));
  }
}
