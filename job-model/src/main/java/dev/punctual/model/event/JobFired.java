package dev.punctual.model.event;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.job.Target;
import dev.punctual.model.schedule.Jitter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * One attempt of a fire, as written to the fires topic (key = job id).
 *
 * @param fireId deterministic id of the fire, the same for every attempt (see {@link FireIds})
 * @param jobId the job
 * @param scheduledAt the nominal occurrence; unchanged by retries
 * @param dueAt when this attempt was due: {@code scheduledAt} plus the job's jitter offset for a
 *     scheduled fire (see {@link #scheduledDueAt}), the backoff time for a retry, the processing
 *     time of the command for a manual trigger or a backfill
 * @param firedAt when this attempt was emitted; never before {@code dueAt}, unless the scheduler
 *     runs with a lead time L ({@code punctual.scheduler.lead-time}, off by default): then at most
 *     L before it. Nothing starts before {@code dueAt}: a worker holds a fire emitted early until
 *     then
 * @param attempt 1-based attempt number
 * @param trigger why it fired
 * @param missed how many missed occurrences this fire stands for after downtime (0 for a fire on
 *     time)
 * @param target what to execute
 * @param parameters the job's parameters, or a manual trigger's override of them; what the target's
 *     {@code {{param.NAME}}} placeholders stand for
 */
@JsonPropertyOrder({
  "fireId",
  "jobId",
  "scheduledAt",
  "dueAt",
  "firedAt",
  "attempt",
  "trigger",
  "missed",
  "target",
  "parameters"
})
public record JobFired(
    String fireId,
    String jobId,
    Instant scheduledAt,
    Instant dueAt,
    Instant firedAt,
    int attempt,
    Trigger trigger,
    int missed,
    Target target,
    ObjectNode parameters) {

  public JobFired {
    Objects.requireNonNull(fireId, "fireId");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(parameters, "parameters");
    scheduledAt = scheduledAt.truncatedTo(ChronoUnit.MILLIS);
    dueAt = dueAt.truncatedTo(ChronoUnit.MILLIS);
    firedAt = firedAt.truncatedTo(ChronoUnit.MILLIS);
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt numbers start at 1, got " + attempt);
    }
    if (missed < 0) {
      throw new IllegalArgumentException("missed must not be negative, got " + missed);
    }
  }

  /**
   * The first attempt of a scheduled occurrence.
   *
   * @param missed the number of missed occurrences this fire stands for, 0 when on time
   */
  public static JobFired scheduled(
      JobDefinition job, Instant scheduledAt, Instant firedAt, int missed) {
    return new JobFired(
        FireIds.scheduled(job.id(), scheduledAt),
        job.id(),
        scheduledAt,
        scheduledDueAt(job, scheduledAt),
        firedAt,
        1,
        Trigger.SCHEDULE,
        missed,
        job.target(),
        job.parameters());
  }

  /**
   * When the scheduled fire of the occurrence {@code scheduledAt} of {@code job} is due: {@code
   * scheduledAt} plus the job's jitter offset for that fire id ({@link Jitter}), so the same
   * occurrence is always due at the same time.
   */
  public static Instant scheduledDueAt(JobDefinition job, Instant scheduledAt) {
    return Jitter.dueAt(
        FireIds.scheduled(job.id(), scheduledAt), scheduledAt, job.schedule().options().jitter());
  }

  /**
   * The fire of occurrence {@code scheduledAt} requested by a {@code BACKFILL} command processed at
   * {@code now}: the scheduled fire id (so an idempotent target can drop an occurrence it already
   * ran), due and fired now.
   */
  public static JobFired backfill(JobDefinition job, Instant scheduledAt, Instant now) {
    return new JobFired(
        FireIds.scheduled(job.id(), scheduledAt),
        job.id(),
        scheduledAt,
        now,
        now,
        1,
        Trigger.BACKFILL,
        0,
        job.target(),
        job.parameters());
  }

  /** A fire requested by a {@code TRIGGER} command processed at {@code now}. */
  public static JobFired manual(JobDefinition job, String requestId, Instant now) {
    return manual(job, requestId, now, null);
  }

  /**
   * A fire requested by a {@code TRIGGER} command processed at {@code now}, with {@code parameters}
   * in place of the job's own for this fire only (the job's when {@code null}).
   */
  public static JobFired manual(
      JobDefinition job, String requestId, Instant now, @Nullable ObjectNode parameters) {
    return new JobFired(
        FireIds.manual(job.id(), requestId),
        job.id(),
        now,
        now,
        now,
        1,
        Trigger.MANUAL,
        0,
        job.target(),
        parameters == null ? job.parameters() : parameters);
  }

  /**
   * Attempt {@code attempt} of an earlier fire, due at {@code retryAt}. It executes the job's
   * current target, and its current parameters unless {@code parameters} (those a manual fire was
   * triggered with) replace them.
   */
  public static JobFired retry(
      JobDefinition job,
      String fireId,
      Instant scheduledAt,
      int attempt,
      Instant retryAt,
      Instant firedAt,
      @Nullable ObjectNode parameters) {
    return new JobFired(
        fireId,
        job.id(),
        scheduledAt,
        retryAt,
        firedAt,
        attempt,
        Trigger.RETRY,
        0,
        job.target(),
        parameters == null ? job.parameters() : parameters);
  }
}
