package dev.punctual.model.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.punctual.model.validation.Violations;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * How far a job has run, as the REST API's projections saw it: the optional {@code progress} field
 * of a definition's record on the jobs topic. The scheduler keeps its own count in its state
 * stores; this copy exists so that a scheduler starting from empty state (a rebuilt jobs topic, or
 * a restore from a PostgreSQL backup followed by {@code POST /admin/resync/topic}) does not fire an
 * occurrence again that already fired: it restores the count, the last occurrence and completion
 * from the record instead of starting the job afresh.
 *
 * <p>A scheduler that already knows the job ignores it: its own state is at least as recent.
 *
 * @param runCount how many scheduled occurrences fired (for {@code maxRuns}; manual triggers,
 *     retries and backfills do not count)
 * @param lastScheduledAt the nominal time of the last scheduled occurrence that fired, if any; the
 *     job resumes with the first occurrence after it
 * @param completed whether the job has no occurrence left (a one-time job that ran or was missed,
 *     {@code maxRuns} reached, past {@code endAt}): the scheduler plans nothing for it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunProgress(long runCount, @Nullable Instant lastScheduledAt, boolean completed) {

  /** The name of the field on a definition's record. */
  public static final String FIELD = "progress";

  public RunProgress {
    lastScheduledAt =
        lastScheduledAt == null ? null : lastScheduledAt.truncatedTo(ChronoUnit.MILLIS);
    new Violations().check(runCount >= 0, "runCount", "must not be negative").throwIfAny();
  }
}
