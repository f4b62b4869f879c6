package dev.punctual.scheduler.timer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.job.KafkaTarget;
import dev.punctual.model.job.RetryPolicy;
import dev.punctual.model.job.Target;
import dev.punctual.model.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class OpenFireTest {

  private static final Instant T0 = Instant.parse("2027-03-13T07:30:00Z");

  @Test
  void theBoundIsTimeoutTimesAttemptsPlusTheBackoffsBetweenThemPlusOneMinute() {
    var http =
        new HttpTarget("POST", "https://example.com/run", Map.of(), null, Duration.ofSeconds(20));
    // 4 attempts of 20 s, backoffs 1 s, 3 s, 5 s (9 s capped), one minute of grace
    var retry = new RetryPolicy(4, Duration.ofSeconds(1), 3.0, Duration.ofSeconds(5));

    assertThat(OpenFire.boundOf(job(http, retry))).isEqualTo(Duration.ofSeconds(80 + 9 + 60));
    assertThat(OpenFire.opened(job(http, retry), "job@1", T0).finishBy())
        .isEqualTo(T0.plusSeconds(149));
    assertThat(OpenFire.boundOf(job(http, RetryPolicy.NONE))).isEqualTo(Duration.ofSeconds(80));
  }

  @Test
  void aKafkaTargetCountsOneMinutePerAttempt() {
    var kafka = KafkaTarget.of("orders", JsonNodeFactory.instance.objectNode());

    assertThat(OpenFire.boundOf(job(kafka, RetryPolicy.DEFAULT)))
        .isEqualTo(Duration.ofMinutes(3).plusSeconds(1 + 2).plus(OpenFire.GRACE));
  }

  @Test
  void theBoundCoversEveryAttemptAndBackoffForGeneratedPolicies() {
    var random = new Random(13);
    for (int i = 0; i < 500; i++) {
      var timeout = Duration.ofMillis(1 + random.nextInt(600_000));
      var retry =
          new RetryPolicy(
              1 + random.nextInt(RetryPolicy.MAX_ATTEMPTS),
              Duration.ofMillis(1 + random.nextInt(10_000)),
              1.0 + random.nextDouble() * 99.0,
              Duration.ofMillis(10_000 + random.nextInt(600_000)));
      var job = job(new HttpTarget("GET", "https://example.com", Map.of(), null, timeout), retry);

      // the latest a last attempt can end: each attempt times out, each backoff is waited in full
      var latestEnd = Instant.EPOCH;
      for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
        latestEnd = latestEnd.plus(timeout);
        if (retry.hasAttemptsAfter(attempt)) {
          latestEnd = latestEnd.plus(retry.backoffAfter(attempt));
        }
      }
      assertThat(Instant.EPOCH.plus(OpenFire.boundOf(job)))
          .as("case %d: timeout %s, %s", i, timeout, retry)
          .isEqualTo(latestEnd.plus(OpenFire.GRACE));
    }
  }

  private static JobDefinition job(Target target, RetryPolicy retry) {
    return new JobDefinition(
        "job",
        "job",
        Schedule.Interval.of(Duration.ofSeconds(10)),
        target,
        JsonNodeFactory.instance.objectNode(),
        retry,
        false,
        null,
        null,
        null);
  }
}
