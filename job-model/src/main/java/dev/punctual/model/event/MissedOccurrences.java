package dev.punctual.model.event;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.punctual.model.schedule.MisfirePolicy;
import dev.punctual.model.schedule.OverlapPolicy;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Occurrences of a job that did not fire on time, as written to the missed topic (key = job id):
 * one record per misfire episode (the scheduler was down or behind) or per skipped overlap. Pausing
 * is not missing: paused time produces nothing.
 *
 * @param jobId the job
 * @param reason why the occurrences were missed
 * @param policy the policy that decided what happened to them: a {@link MisfirePolicy} name for
 *     {@link Reason#MISFIRE}, an {@link OverlapPolicy} name for {@link Reason#OVERLAP}
 * @param from the first missed occurrence ({@code scheduledAt})
 * @param to the last missed occurrence ({@code scheduledAt}); equal to {@code from} for one
 * @param count how many occurrences in [{@code from}, {@code to}] were missed
 * @param firedScheduledAt the {@code scheduledAt} of the fire that stands for them (a {@code
 *     FIRE_ONCE} catch-up or a buffered overlap), or {@code null} when none fired
 * @param detectedAt when the scheduler found them missed
 */
@JsonPropertyOrder({
  "jobId",
  "reason",
  "policy",
  "from",
  "to",
  "count",
  "firedScheduledAt",
  "detectedAt"
})
public record MissedOccurrences(
    String jobId,
    Reason reason,
    String policy,
    Instant from,
    Instant to,
    long count,
    @Nullable Instant firedScheduledAt,
    Instant detectedAt) {

  /** Why occurrences were missed. */
  public enum Reason {
    /** Processed more than the misfire threshold late, or after the next occurrence was due. */
    MISFIRE,
    /** Due while an earlier fire of the job had no final result, under overlap policy SKIP. */
    OVERLAP
  }

  public MissedOccurrences {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(policy, "policy");
    from = from.truncatedTo(ChronoUnit.MILLIS);
    to = to.truncatedTo(ChronoUnit.MILLIS);
    detectedAt = detectedAt.truncatedTo(ChronoUnit.MILLIS);
    firedScheduledAt =
        firedScheduledAt == null ? null : firedScheduledAt.truncatedTo(ChronoUnit.MILLIS);
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1");
    }
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("to must not be before from");
    }
  }
}
