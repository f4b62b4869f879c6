package dev.punctual.scheduler.timer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.job.JobStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the scheduler knows about one job: the value of the {@code job-state} store (key = job id).
 * The time index holds exactly the timers that {@link #timers()} lists.
 *
 * @param definition the current definition
 * @param anchor the phase of an interval without {@code startAt}: the definition's {@code
 *     createdAt}, else the time the scheduler first processed the job
 * @param runs how many scheduled fires there were (manual triggers and retries do not count)
 * @param lastScheduledAt the nominal occurrence of the last scheduled fire, if any
 * @param nextFireAt the next scheduled occurrence; set exactly when the job is {@link
 *     JobStatus#ACTIVE}. Its timer is due at {@link #dueAtOf} it (later under a jitter)
 * @param status whether the job fires on schedule
 * @param retries the retries owed, one per fire being retried; they fire whatever the status
 * @param handled the attempts whose failures were acted on, oldest first, at most {@value
 *     #MAX_HANDLED}: the record that makes a duplicate or superseded result harmless
 * @param open the last scheduled fire while it has no final result, tracked only for a job whose
 *     overlap policy is not {@code ALLOW} ({@link Overlaps}); absent in state written before it
 *     existed
 * @param manual the parameters of manual fires triggered with their own, until each has its final
 *     result, oldest first, at most {@value #MAX_MANUAL}; absent in state written before it existed
 */
@JsonIgnoreProperties(ignoreUnknown = true) // state written by a newer version stays readable
public record JobState(
    JobDefinition definition,
    Instant anchor,
    long runs,
    @Nullable Instant lastScheduledAt,
    @Nullable Instant nextFireAt,
    JobStatus status,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<PendingRetry> retries,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<HandledAttempt> handled,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable OpenFire open,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ManualParameters> manual) {

  /**
   * How many handled attempts a job remembers. Only failed attempts (and the success that ends a
   * retried fire) are recorded, so this covers the last {@value} failures of the job: a duplicate
   * result arriving after that many newer failures is no longer recognised.
   */
  public static final int MAX_HANDLED = 64;

  /**
   * How many manual fires with their own parameters a job keeps them for at once. A manual fire
   * whose result never arrives (a lost worker's, or one whose job's topic was rebuilt) would
   * otherwise keep them for ever; past this many, the oldest is forgotten and its later retries, if
   * any, run with the job's parameters.
   */
  public static final int MAX_MANUAL = 16;

  public JobState {
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(anchor, "anchor");
    Objects.requireNonNull(status, "status");
    retries = retries == null ? List.of() : List.copyOf(retries);
    handled = handled == null ? List.of() : List.copyOf(handled);
    manual = manual == null ? List.of() : List.copyOf(manual);
    if (runs < 0) {
      throw new IllegalArgumentException("runs must not be negative, got " + runs);
    }
    if ((status == JobStatus.ACTIVE) != (nextFireAt != null)) {
      throw new IllegalArgumentException(
          "a job is ACTIVE exactly when it has a next occurrence, but it is "
              + status
              + " with next occurrence "
              + nextFireAt
              + "; this indicates a bug");
    }
  }

  /** A job with no manual fire's parameters to keep. */
  public JobState(
      JobDefinition definition,
      Instant anchor,
      long runs,
      @Nullable Instant lastScheduledAt,
      @Nullable Instant nextFireAt,
      JobStatus status,
      List<PendingRetry> retries,
      List<HandledAttempt> handled,
      @Nullable OpenFire open) {
    this(
        definition,
        anchor,
        runs,
        lastScheduledAt,
        nextFireAt,
        status,
        retries,
        handled,
        open,
        List.of());
  }

  /** A job with no open fire. */
  public JobState(
      JobDefinition definition,
      Instant anchor,
      long runs,
      @Nullable Instant lastScheduledAt,
      @Nullable Instant nextFireAt,
      JobStatus status,
      List<PendingRetry> retries,
      List<HandledAttempt> handled) {
    this(definition, anchor, runs, lastScheduledAt, nextFireAt, status, retries, handled, null);
  }

  /** A job the scheduler has not scheduled yet: no runs, nothing planned. */
  public static JobState unscheduled(JobDefinition definition, Instant anchor) {
    return new JobState(
        definition, anchor, 0, null, null, JobStatus.COMPLETED, List.of(), List.of(), null);
  }

  /**
   * This unscheduled job with the runs and last occurrence of a {@code RunProgress} carried on its
   * record: how a scheduler on empty state takes a job over after a re-sync.
   */
  public JobState restored(long restoredRuns, @Nullable Instant restoredLast) {
    return new JobState(
        definition,
        anchor,
        restoredRuns,
        restoredLast,
        nextFireAt,
        status,
        retries,
        handled,
        open,
        manual);
  }

  public String jobId() {
    return definition.id();
  }

  /** This job with a new definition and anchor; runs, the last occurrence and retries are kept. */
  public JobState withDefinition(JobDefinition newDefinition, Instant newAnchor) {
    return new JobState(
        newDefinition,
        newAnchor,
        runs,
        lastScheduledAt,
        nextFireAt,
        status,
        retries,
        handled,
        open,
        manual);
  }

  /** This job next firing at {@code next}, or completed when there is no next occurrence. */
  public JobState scheduledFor(@Nullable Instant next) {
    return new JobState(
        definition,
        anchor,
        runs,
        lastScheduledAt,
        next,
        next == null ? JobStatus.COMPLETED : JobStatus.ACTIVE,
        retries,
        handled,
        open,
        manual);
  }

  /** This job after a scheduled fire of {@code occurrence}, next firing at {@code next}. */
  public JobState firedAndScheduledFor(Instant occurrence, @Nullable Instant next) {
    return firedAndScheduledFor(1, occurrence, next);
  }

  /**
   * This job after {@code fires} scheduled fires, the last of {@code lastOccurrence} (unchanged
   * when {@code fires} is 0), next firing at {@code next}.
   */
  public JobState firedAndScheduledFor(
      int fires, @Nullable Instant lastOccurrence, @Nullable Instant next) {
    var last = fires > 0 ? Objects.requireNonNull(lastOccurrence) : lastScheduledAt;
    return new JobState(
            definition,
            anchor,
            runs + fires,
            last,
            null,
            JobStatus.COMPLETED,
            retries,
            handled,
            open,
            manual)
        .scheduledFor(next);
  }

  /** This job paused: no scheduled timer (retries owed still fire). */
  public JobState paused() {
    return new JobState(
        definition,
        anchor,
        runs,
        lastScheduledAt,
        null,
        JobStatus.PAUSED,
        retries,
        handled,
        open,
        manual);
  }

  /** The retry owed for {@code fireId}, if any. */
  public @Nullable PendingRetry pendingRetry(String fireId) {
    for (var retry : retries) {
      if (retry.fireId().equals(fireId)) {
        return retry;
      }
    }
    return null;
  }

  /** This job owing {@code retry}, in place of any earlier retry of the same fire. */
  public JobState withRetry(PendingRetry retry) {
    var updated = new ArrayList<PendingRetry>(retries.size() + 1);
    for (var pending : retries) {
      if (!pending.fireId().equals(retry.fireId())) {
        updated.add(pending);
      }
    }
    updated.add(retry);
    return withRetries(updated);
  }

  /** This job no longer owing a retry of {@code fireId}. */
  public JobState withoutRetry(String fireId) {
    return withRetries(retries.stream().filter(r -> !r.fireId().equals(fireId)).toList());
  }

  /** The highest attempt of {@code fireId} whose result was handled; 0 if none is remembered. */
  public int handledAttempt(String fireId) {
    for (var attempt : handled) {
      if (attempt.fireId().equals(fireId)) {
        return attempt.attempt();
      }
    }
    return 0;
  }

  /**
   * This job remembering that the result of {@code attempt} of {@code fireId} was handled; the
   * oldest record goes when there are more than {@value #MAX_HANDLED}.
   */
  public JobState withHandled(String fireId, int attempt) {
    var bounded =
        appendedBounded(
            handled,
            known -> known.fireId().equals(fireId),
            new HandledAttempt(fireId, attempt),
            MAX_HANDLED);
    return new JobState(
        definition,
        anchor,
        runs,
        lastScheduledAt,
        nextFireAt,
        status,
        retries,
        bounded,
        open,
        manual);
  }

  /** The parameters manual fire {@code fireId} runs with; null if they are the job's. */
  public @Nullable ObjectNode manualParameters(String fireId) {
    for (var kept : manual) {
      if (kept.fireId().equals(fireId)) {
        return kept.parameters();
      }
    }
    return null;
  }

  /**
   * This job keeping {@code parameters} for manual fire {@code fireId} until its final result; the
   * oldest kept goes when there are more than {@value #MAX_MANUAL}.
   */
  public JobState withManualParameters(String fireId, ObjectNode parameters) {
    return withManual(
        appendedBounded(
            manual,
            kept -> kept.fireId().equals(fireId),
            new ManualParameters(fireId, parameters),
            MAX_MANUAL));
  }

  /** This job no longer keeping parameters for {@code fireId}: the fire has its final result. */
  public JobState withoutManualParameters(String fireId) {
    return manualParameters(fireId) == null
        ? this
        : withManual(manual.stream().filter(kept -> !kept.fireId().equals(fireId)).toList());
  }

  private JobState withManual(List<ManualParameters> updated) {
    return new JobState(
        definition,
        anchor,
        runs,
        lastScheduledAt,
        nextFireAt,
        status,
        retries,
        handled,
        open,
        updated);
  }

  /** This job with {@code fire} as its open fire, or none. */
  public JobState withOpen(@Nullable OpenFire fire) {
    return new JobState(
        definition,
        anchor,
        runs,
        lastScheduledAt,
        nextFireAt,
        status,
        retries,
        handled,
        fire,
        manual);
  }

  /**
   * When the scheduled fire of {@code occurrence} is due: the occurrence plus the job's jitter
   * offset for its fire id; a pure function of the job and the occurrence, so it survives restarts.
   */
  public Instant dueAtOf(Instant occurrence) {
    return definition.schedule().options().jitter().isZero()
        ? occurrence
        : JobFired.scheduledDueAt(definition, occurrence);
  }

  /**
   * The timers this job has in the time index: its next occurrence (at its due time, with the
   * jitter), the retries it owes, and the release of an occurrence buffered behind its open fire.
   */
  public List<TimerKey> timers() {
    var release = open == null ? null : open.releaseTimer(jobId());
    if (nextFireAt == null && retries.isEmpty() && release == null) {
      return List.of();
    }
    var timers = new ArrayList<TimerKey>(retries.size() + 2);
    if (nextFireAt != null) {
      timers.add(TimerKey.scheduled(dueAtOf(nextFireAt), jobId()));
    }
    if (release != null) {
      timers.add(release);
    }
    for (var retry : retries) {
      timers.add(retry.timer(jobId()));
    }
    return timers;
  }

  /**
   * {@code list} without the entries {@code replaced} matches, then {@code added}; only the last
   * {@code max} of them.
   */
  private static <T> List<T> appendedBounded(
      List<T> list, Predicate<T> replaced, T added, int max) {
    var updated = new ArrayList<T>(list.size() + 1);
    for (var entry : list) {
      if (!replaced.test(entry)) {
        updated.add(entry);
      }
    }
    updated.add(added);
    return updated.size() > max ? updated.subList(updated.size() - max, updated.size()) : updated;
  }

  private JobState withRetries(List<PendingRetry> updated) {
    return new JobState(
        definition,
        anchor,
        runs,
        lastScheduledAt,
        nextFireAt,
        status,
        updated,
        handled,
        open,
        manual);
  }
}
