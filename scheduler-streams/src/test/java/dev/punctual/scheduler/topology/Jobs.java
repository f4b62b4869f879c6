package dev.punctual.scheduler.topology;

import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.job.RetryPolicy;
import dev.punctual.model.schedule.CronExpression;
import dev.punctual.model.schedule.MisfirePolicy;
import dev.punctual.model.schedule.OverlapPolicy;
import dev.punctual.model.schedule.Schedule;
import dev.punctual.model.schedule.ScheduleOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Builds job definitions for tests: {@code aJob("report").every(Duration.ofSeconds(2)).build()}.
 */
public final class Jobs {

  private final String id;
  private @Nullable Duration every;
  private @Nullable String cron;
  private @Nullable Instant at;
  private ZoneId zone = ScheduleOptions.UTC;
  private @Nullable Instant startAt;
  private @Nullable Instant endAt;
  private @Nullable Integer maxRuns;
  private MisfirePolicy misfirePolicy = MisfirePolicy.FIRE_ONCE;
  private @Nullable Duration catchUpWindow;
  private String url = "https://example.com/run";
  private boolean paused;
  private @Nullable Long version;
  private @Nullable Instant createdAt;
  private RetryPolicy retry = RetryPolicy.DEFAULT;
  private OverlapPolicy overlapPolicy = OverlapPolicy.ALLOW;
  private @Nullable Duration jitter;
  private @Nullable Duration misfireThreshold;

  private Jobs(String id) {
    this.id = id;
  }

  public static Jobs aJob(String id) {
    return new Jobs(id);
  }

  public Jobs every(Duration interval) {
    this.every = interval;
    return this;
  }

  Jobs cron(String expression, String timeZone) {
    this.cron = expression;
    this.zone = ZoneId.of(timeZone);
    return this;
  }

  public Jobs at(Instant instant) {
    this.at = instant;
    return this;
  }

  Jobs startAt(Instant instant) {
    this.startAt = instant;
    return this;
  }

  Jobs endAt(Instant instant) {
    this.endAt = instant;
    return this;
  }

  Jobs maxRuns(int runs) {
    this.maxRuns = runs;
    return this;
  }

  Jobs misfirePolicy(MisfirePolicy policy) {
    this.misfirePolicy = policy;
    return this;
  }

  Jobs overlapPolicy(OverlapPolicy policy) {
    this.overlapPolicy = policy;
    return this;
  }

  Jobs catchUpWindow(Duration window) {
    this.catchUpWindow = window;
    return this;
  }

  Jobs jitter(Duration offsetBound) {
    this.jitter = offsetBound;
    return this;
  }

  Jobs misfireThreshold(Duration threshold) {
    this.misfireThreshold = threshold;
    return this;
  }

  Jobs url(String targetUrl) {
    this.url = targetUrl;
    return this;
  }

  Jobs paused(boolean isPaused) {
    this.paused = isPaused;
    return this;
  }

  Jobs version(long number) {
    this.version = number;
    return this;
  }

  Jobs createdAt(Instant instant) {
    this.createdAt = instant;
    return this;
  }

  Jobs retry(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {
    this.retry = new RetryPolicy(maxAttempts, initialBackoff, multiplier, maxBackoff);
    return this;
  }

  public JobDefinition build() {
    var options =
        ScheduleOptions.builder()
            .timeZone(zone)
            .startAt(startAt)
            .endAt(endAt)
            .maxRuns(maxRuns)
            .misfirePolicy(misfirePolicy)
            .catchUpWindow(catchUpWindow)
            .overlapPolicy(overlapPolicy)
            .jitter(jitter)
            .misfireThreshold(misfireThreshold)
            .build();
    Schedule schedule;
    if (every != null) {
      schedule = new Schedule.Interval(every, options);
    } else if (cron != null) {
      schedule = new Schedule.Cron(CronExpression.parse(cron), options);
    } else if (at != null) {
      schedule = new Schedule.Once(at, options);
    } else {
      throw new IllegalStateException("give the test job a schedule");
    }
    var parameters = JsonNodeFactory.instance.objectNode().put("region", "eu");
    return new JobDefinition(
        id,
        "test job " + id,
        schedule,
        HttpTarget.post(url),
        parameters,
        retry,
        paused,
        version,
        createdAt,
        createdAt);
  }
}
