package dev.punctual.worker;

import dev.punctual.model.event.JobFired;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.job.Target;
import dev.punctual.model.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;

/** Fire events for tests. */
public final class Fires {

  public static final Instant SCHEDULED_AT = Instant.parse("2027-03-13T07:30:00Z");

  private Fires() {}

  /** A job firing every minute at {@code target}. */
  public static JobDefinition aJob(String id, Target target) {
    return JobDefinition.of(id, null, Schedule.Interval.of(Duration.ofMinutes(1)), target);
  }

  /** The first attempt of {@code job}'s occurrence at {@link #SCHEDULED_AT}, fired on time. */
  public static JobFired aFire(String jobId, Target target) {
    return JobFired.scheduled(aJob(jobId, target), SCHEDULED_AT, SCHEDULED_AT, 0);
  }

  /** The first attempt of {@code job}'s occurrence at {@code scheduledAt}. */
  public static JobFired aFire(String jobId, Target target, Instant scheduledAt) {
    return JobFired.scheduled(aJob(jobId, target), scheduledAt, scheduledAt, 0);
  }
}
