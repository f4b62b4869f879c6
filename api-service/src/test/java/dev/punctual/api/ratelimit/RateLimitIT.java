package dev.punctual.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.api.testing.ApiClient;
import dev.punctual.api.testing.Jobs;
import dev.punctual.api.testing.RunningApi;
import dev.punctual.api.testing.TestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two instances of the API on one database share each caller's budget: asking PostgreSQL on every
 * request, the 429s start exactly where the budget says, whichever instance answers; with the
 * default sync interval, one instance is exact and the other sees what the first took, within the
 * documented tolerance.
 */
class RateLimitIT {

  private static final int PER_SECOND = 2;
  private static final int BURST = 20;

  @Test
  void twoInstancesShareOneBudgetAndEveryAnswerSaysWhatIsLeft() {
    var arguments = new ArrayList<String>();
    arguments.addAll(TestServers.database("ratelimit"));
    arguments.addAll(TestServers.topics("ratelimit"));
    arguments.add("--punctual.api.rate-limit.requests-per-second=" + PER_SECOND);
    arguments.add("--punctual.api.rate-limit.burst=" + BURST);
    arguments.add("--punctual.api.rate-limit.sync-interval=0");
    try (var a = RunningApi.start(arguments);
        var b = RunningApi.start(arguments)) {
      var clients = List.of(a.api(), b.api());
      // given a fresh budget (the bucket is per remote address: both clients are localhost)
      var jdbc = a.bean(JdbcClient.class);
      jdbc.sql("DELETE FROM rate_limit_buckets").update();

      // when both instances are asked in turn, more often than the budget allows
      long started = System.nanoTime();
      var answers = new ArrayList<ApiClient.Answer>();
      for (int i = 0; i < 3 * BURST; i++) {
        answers.add(clients.get(i % 2).get("/jobs"));
      }
      double elapsedSeconds = (System.nanoTime() - started) / 1e9;

      // then the first refusal comes after the burst plus what refilled meanwhile, on either
      int firstRefused = -1;
      for (int i = 0; i < answers.size(); i++) {
        if (answers.get(i).status() == 429) {
          firstRefused = i;
          break;
        }
      }
      assertThat(firstRefused)
          .as("index of the first 429 after %.2f s", elapsedSeconds)
          .isBetween(BURST, BURST + (int) Math.ceil(PER_SECOND * elapsedSeconds) + 1);
      long accepted = answers.stream().filter(x -> x.status() == 200).count();
      assertThat(accepted)
          .isLessThanOrEqualTo(BURST + (long) Math.ceil(PER_SECOND * elapsedSeconds));
      assertThat(answers).allMatch(x -> x.status() == 200 || x.status() == 429);

      var first = answers.getFirst();
      assertThat(first.header("RateLimit-Limit")).isEqualTo(String.valueOf(BURST));
      assertThat(Long.parseLong(first.header("RateLimit-Remaining"))).isEqualTo(BURST - 1);
      assertThat(Long.parseLong(first.header("RateLimit-Reset"))).isBetween(1L, 1L);
      var lastAccepted = answers.get(firstRefused - 1);
      assertThat(Long.parseLong(lastAccepted.header("RateLimit-Remaining"))).isZero();

      var refused = answers.get(firstRefused);
      assertThat(refused.contentType()).startsWith("application/problem+json");
      assertThat(refused.json().get("status").asInt()).isEqualTo(429);
      assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 1L);
      assertThat(refused.header("RateLimit-Limit")).isEqualTo(String.valueOf(BURST));
      assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
      assertThat(Long.parseLong(refused.header("RateLimit-Reset")))
          .isBetween(1L, (long) Math.ceil((double) BURST / PER_SECOND));

      // a write refused for the limit is in the audit log with its outcome
      ApiClient.Answer refusedWrite = null;
      for (int i = 0; i < 50 && refusedWrite == null; i++) {
        var id = "limited-" + i + "-" + System.nanoTime();
        var post = b.api().post("/jobs", Jobs.definition(id, "\"every\": \"PT1M\""));
        if (post.status() == 429) {
          refusedWrite = post;
        }
      }
      assertThat(refusedWrite).isNotNull();
      assertThat(
              jdbc.sql(
                      "SELECT count(*) FROM audit_log WHERE action = 'create'"
                          + " AND outcome = 'refused' AND status = 429")
                  .query(Long.class)
                  .single())
          .isPositive();

      // a 4xx answer carries the headers too (once a token has refilled), and health is never
      // limited
      var notFound =
          await()
              .atMost(Duration.ofSeconds(10))
              .pollInterval(Duration.ofMillis(100))
              .until(() -> a.api().get("/jobs/nobody"), answer -> answer.status() != 429);
      assertThat(notFound.status()).isEqualTo(404);
      assertThat(notFound.header("RateLimit-Limit")).isEqualTo(String.valueOf(BURST));
      assertThat(notFound.header("RateLimit-Remaining")).isNotNull();
      assertThat(a.api().get("/actuator/health").status()).isEqualTo(200);
      assertThat(a.api().get("/actuator/health").header("RateLimit-Limit")).isNull();
    }
  }

  @Test
  void withTheDefaultSyncIntervalOneInstanceIsExactAndTheOtherSeesWhatItTook() {
    var arguments = new ArrayList<String>();
    arguments.addAll(TestServers.database("ratelimitsync"));
    arguments.addAll(TestServers.topics("ratelimitsync"));
    arguments.add("--punctual.api.rate-limit.requests-per-second=1");
    arguments.add("--punctual.api.rate-limit.burst=" + BURST);
    try (var a = RunningApi.start(arguments);
        var b = RunningApi.start(arguments)) {
      a.bean(JdbcClient.class).sql("DELETE FROM rate_limit_buckets").update();
      long tolerance = BURST / 10;

      // when one instance is asked until it refuses
      long started = System.nanoTime();
      int acceptedByA = 0;
      while (a.api().get("/jobs").status() == 200) {
        acceptedByA++;
        assertThat(acceptedByA).as("accepted by one instance").isLessThanOrEqualTo(3 * BURST);
      }
      double secondsForA = (System.nanoTime() - started) / 1e9;

      // then it refused where the budget says: its own copy of the bucket is exact
      assertThat(acceptedByA).isBetween(BURST, BURST + (int) Math.ceil(secondsForA) + 1);

      // and the other instance, asked next, syncs first and lets through only what refilled since,
      // plus at most what the first had taken without writing it back yet
      int acceptedByB = 0;
      while (b.api().get("/jobs").status() == 200) {
        acceptedByB++;
        assertThat(acceptedByB).as("accepted by the other instance").isLessThanOrEqualTo(BURST);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      assertThat(acceptedByA + acceptedByB)
          .isLessThanOrEqualTo(BURST + (int) Math.ceil(seconds) + 1 + (int) tolerance);
    }
  }
}
