package dev.punctual.scheduler.topology;

import static dev.punctual.scheduler.topology.Jobs.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.event.RecordHeaders;
import dev.punctual.model.event.Trigger;
import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.json.Json;
import dev.punctual.scheduler.timer.TimerKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Results on the results topic: a failed attempt with attempts left becomes a retry timer at {@code
 * finishedAt} + backoff, fired with the same fire id and the next attempt; the last attempt failing
 * sends the fire to the dead-letter topic. Results arrive at least once and may be late.
 */
class RetryTest extends SchedulerDriverTest {

  private static final Instant T0 = Instant.parse("2027-03-13T07:30:00Z");
  private static final Duration PUNCTUATION = TopologySettings.DEFAULTS.punctuationInterval();
  private static final Duration WORK = Duration.ofMillis(200);

  @BeforeEach
  void start() {
    scheduler = new SchedulerDriver(T0, stateDir);
  }

  @Test
  void failedAttemptsAreRetriedWithExponentialBackoffUpToTheCapThenDeadLettered() {
    scheduler.define(
        hourly("flaky").retry(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(5)).build());
    var fire = firstFire();
    var attempts = new ArrayList<JobFired>();
    attempts.add(fire);

    // backoffs after attempts 1 to 4: 1 s, 2 s, 4 s, then 5 s (8 s capped)
    for (var backoff : new long[] {1_000, 2_000, 4_000, 5_000}) {
      var failed = fail(fire);
      var retryAt = failed.finishedAt().plusMillis(backoff);
      assertThat(scheduler.timers()).contains(TimerKey.retry(retryAt, "flaky", fire.fireId()));
      scheduler.advanceTo(retryAt.minusMillis(1));
      assertThat(scheduler.newFires()).as("nothing before the backoff has passed").isEmpty();
      scheduler.advance(PUNCTUATION);
      fire = single(scheduler.newFires());
      attempts.add(fire);
      assertThat(fire.dueAt()).isEqualTo(retryAt);
      assertThat(fire.firedAt()).isBetween(retryAt, retryAt.plus(PUNCTUATION));
    }
    assertThat(attempts).extracting(JobFired::attempt).containsExactly(1, 2, 3, 4, 5);
    assertThat(attempts)
        .extracting(JobFired::fireId)
        .containsOnly("flaky@" + at(1_000).toEpochMilli());
    assertThat(attempts).extracting(JobFired::scheduledAt).containsOnly(at(1_000));
    assertThat(attempts)
        .extracting(JobFired::trigger)
        .containsExactly(
            Trigger.SCHEDULE, Trigger.RETRY, Trigger.RETRY, Trigger.RETRY, Trigger.RETRY);

    fail(fire);

    assertThat(scheduler.timers()).containsExactly(TimerKey.scheduled(at(3_601_000), "flaky"));
    scheduler.advance(Duration.ofSeconds(30), Duration.ofSeconds(1));
    assertThat(scheduler.newFires()).isEmpty();
    var deadLetter = single(scheduler.deadLetters());
    assertThat(text(deadLetter.key())).isEqualTo("flaky");
    var lastAttempt = Json.fromBytes(deadLetter.value(), JobFired.class);
    assertThat(lastAttempt.fireId()).isEqualTo(fire.fireId());
    assertThat(lastAttempt.attempt()).isEqualTo(5);
    assertThat(lastAttempt.trigger()).isEqualTo(Trigger.RETRY);
    assertThat(lastAttempt.scheduledAt()).isEqualTo(fire.scheduledAt());
    assertThat(lastAttempt.dueAt()).isEqualTo(fire.dueAt());
    assertThat(lastAttempt.target()).isEqualTo(fire.target());
    assertThat(header(deadLetter.headers(), RecordHeaders.ERROR))
        .isEqualTo("fire " + fire.fireId() + " failed after 5 attempts: HTTP 503: unavailable");
    assertThat(header(deadLetter.headers(), RecordHeaders.SOURCE_TOPIC))
        .isEqualTo("scheduler.results");
    assertThat(header(deadLetter.headers(), RecordHeaders.SOURCE_PARTITION)).isEqualTo("0");
    assertThat(header(deadLetter.headers(), RecordHeaders.SOURCE_OFFSET)).isEqualTo("4");
    assertThat(
            scheduler
                .registry()
                .get(SchedulerMetrics.DEAD_LETTERS)
                .tag("reason", SchedulerMetrics.RETRIES_EXHAUSTED)
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(scheduler.registry().get(SchedulerMetrics.RETRIES).counter().count()).isEqualTo(4);
  }

  @Test
  void aRetryAfterLongerThanTheBackoffDelaysTheRetryUpToMaxBackoff() {
    scheduler.define(
        hourly("busy").retry(4, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(20)).build());
    var fire = firstFire();

    // attempt 1: the target asks for 7 s, longer than the 1 s backoff
    var asked = failure(fire);
    asked = asked.withRetryAfter(asked.finishedAt().plusSeconds(7));
    scheduler.result(asked);
    var retryAt = asked.finishedAt().plusSeconds(7);
    scheduler.advanceTo(retryAt.minusMillis(1));
    assertThat(scheduler.newFires()).as("not before the Retry-After").isEmpty();
    scheduler.advance(PUNCTUATION);
    fire = single(scheduler.newFires());
    assertThat(fire.attempt()).isEqualTo(2);
    assertThat(fire.dueAt()).isEqualTo(retryAt);

    // attempt 2: the target asks for an hour; maxBackoff (20 s) caps it
    var greedy = failure(fire);
    greedy = greedy.withRetryAfter(greedy.finishedAt().plus(Duration.ofHours(1)));
    scheduler.result(greedy);
    retryAt = greedy.finishedAt().plusSeconds(20);
    assertThat(scheduler.timers()).contains(TimerKey.retry(retryAt, "busy", fire.fireId()));
    scheduler.advanceTo(retryAt.plus(PUNCTUATION));
    fire = single(scheduler.newFires());
    assertThat(fire.attempt()).isEqualTo(3);
    assertThat(fire.dueAt()).isEqualTo(retryAt);

    // attempt 3: a Retry-After shorter than the 4 s backoff does not shorten it
    var modest = failure(fire);
    modest = modest.withRetryAfter(modest.finishedAt().plusMillis(500));
    scheduler.result(modest);
    assertThat(scheduler.timers())
        .contains(TimerKey.retry(modest.finishedAt().plusSeconds(4), "busy", fire.fireId()));
  }

  @Test
  void theDefaultPolicyRetriesTwiceAfterOneAndTwoSeconds() {
    scheduler.define(hourly("job").build());
    var fire = firstFire();

    var retryAt = timedOut(fire).finishedAt().plusSeconds(1);
    scheduler.advanceTo(retryAt);
    fire = single(scheduler.newFires());
    assertThat(fire.attempt()).isEqualTo(2);
    assertThat(fire.dueAt()).isEqualTo(retryAt);

    retryAt = fail(fire).finishedAt().plusSeconds(2);
    scheduler.advanceTo(retryAt);
    fire = single(scheduler.newFires());
    assertThat(fire.attempt()).isEqualTo(3);
    assertThat(fire.dueAt()).isEqualTo(retryAt);

    fail(fire);
    assertThat(header(single(scheduler.deadLetters()).headers(), RecordHeaders.ERROR))
        .startsWith("fire " + fire.fireId() + " failed after 3 attempts: ");
  }

  @Test
  void withMaxAttemptsOneAFailedFireGoesStraightToTheDeadLetterTopic() {
    scheduler.define(
        hourly("once").retry(1, Duration.ofSeconds(1), 1.0, Duration.ofSeconds(1)).build());
    var fire = firstFire();

    fail(fire);

    assertThat(header(single(scheduler.deadLetters()).headers(), RecordHeaders.ERROR))
        .isEqualTo("fire " + fire.fireId() + " failed after 1 attempt: HTTP 503: unavailable");
    assertThat(scheduler.timers()).extracting(TimerKey::kind).doesNotContain(retryKind());
  }

  @Test
  void aFailureThatCannotBeRetriedEndsTheFireAtOnceWhateverAttemptsAreLeft() {
    scheduler.define(
        hourly("forger").retry(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(5)).build());
    var fire = firstFire();
    var refused =
        ExecutionFinished.failedPermanently(
            fire,
            "w1",
            scheduler.now(),
            scheduler.now().plus(WORK),
            detail(),
            "unknown secret TOKEN");

    scheduler.result(refused);
    scheduler.result(refused); // delivered twice: still one dead letter
    scheduler.advance(Duration.ofSeconds(30), Duration.ofSeconds(1));

    assertThat(scheduler.newFires()).as("no retry").isEmpty();
    assertThat(scheduler.timers()).extracting(TimerKey::kind).doesNotContain(retryKind());
    var deadLetter = single(scheduler.deadLetters());
    assertThat(text(deadLetter.key())).isEqualTo("forger");
    var lastAttempt = Json.fromBytes(deadLetter.value(), JobFired.class);
    assertThat(lastAttempt.fireId()).isEqualTo(fire.fireId());
    assertThat(lastAttempt.attempt()).isEqualTo(1);
    assertThat(header(deadLetter.headers(), RecordHeaders.ERROR))
        .isEqualTo(
            "fire "
                + fire.fireId()
                + " failed on attempt 1 and cannot be retried: unknown secret TOKEN");
    assertThat(header(deadLetter.headers(), RecordHeaders.SOURCE_TOPIC))
        .isEqualTo("scheduler.results");
    assertThat(scheduler.state("forger").handledAttempt(fire.fireId())).isEqualTo(1);
    var registry = scheduler.registry();
    assertThat(
            registry
                .get(SchedulerMetrics.DEAD_LETTERS)
                .tag("reason", SchedulerMetrics.NOT_RETRYABLE)
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(registry.get(SchedulerMetrics.RETRIES).counter().count()).isZero();
    assertThat(registry.get(SchedulerMetrics.RESULTS_IGNORED).counter().count()).isEqualTo(1);
  }

  @Test
  void aRetryThatFailsInAWayThatCannotBeRetriedEndsTheFire() {
    scheduler.define(hourly("job").build());
    var fire = firstFire();
    var retryAt = fail(fire).finishedAt().plusSeconds(1);
    scheduler.advanceTo(retryAt);
    var retry = single(scheduler.newFires());

    scheduler.result(
        ExecutionFinished.failedPermanently(
            retry,
            "w1",
            scheduler.now(),
            scheduler.now().plus(WORK),
            detail(),
            "refused: 10.0.0.5 is a private address"));
    scheduler.advance(Duration.ofSeconds(30), Duration.ofSeconds(1));

    assertThat(scheduler.newFires()).isEmpty();
    assertThat(header(single(scheduler.deadLetters()).headers(), RecordHeaders.ERROR))
        .isEqualTo(
            "fire "
                + fire.fireId()
                + " failed on attempt 2 and cannot be retried: refused: 10.0.0.5 is a private"
                + " address");
  }

  @Test
  void aFailedResultWrittenBeforeRetryableExistedIsRetried() {
    scheduler.define(hourly("job").build());
    var fire = firstFire();
    var failed = failure(fire);
    var withoutRetryable = Json.toText(failed).replace(",\"retryable\":true", "");
    assertThat(withoutRetryable).doesNotContain("retryable");

    scheduler.resultRaw("job", withoutRetryable);
    scheduler.advanceTo(failed.finishedAt().plusSeconds(1));

    assertThat(scheduler.newFires()).singleElement().extracting(JobFired::attempt).isEqualTo(2);
    assertThat(scheduler.deadLetters()).isEmpty();
  }

  @Test
  void aSucceededAttemptIsNotRetried() {
    scheduler.define(hourly("fine").build());
    var fire = firstFire();

    scheduler.result(
        ExecutionFinished.succeeded(
            fire, "w1", scheduler.now(), scheduler.now().plus(WORK), detail()));
    scheduler.advance(Duration.ofSeconds(10), Duration.ofSeconds(1));

    assertThat(scheduler.newFires()).isEmpty();
    assertThat(scheduler.state("fine").handled()).isEmpty(); // nothing to remember
  }

  @Test
  void aDuplicateFailedResultSchedulesOneRetry() {
    scheduler.define(hourly("job").build());
    var fire = firstFire();
    var failed = failure(fire);

    scheduler.result(failed);
    scheduler.result(failed);
    scheduler.advance(Duration.ofSeconds(5), Duration.ofMillis(250));

    assertThat(scheduler.newFires()).singleElement().extracting(JobFired::attempt).isEqualTo(2);
    assertThat(scheduler.registry().get(SchedulerMetrics.RESULTS_IGNORED).counter().count())
        .isEqualTo(1);
  }

  @Test
  void aResultOfAnAttemptAlreadySupersededIsIgnored() {
    scheduler.define(hourly("job").build());
    var first = firstFire();
    var firstFailed = failure(first);
    scheduler.result(firstFailed);
    scheduler.advance(Duration.ofSeconds(2));
    var second = single(scheduler.newFires());
    assertThat(second.attempt()).isEqualTo(2);

    // attempt 1 ran a second time (a worker rebalance) and failed again, late
    scheduler.result(
        ExecutionFinished.failed(
            first, "w2", scheduler.now(), scheduler.now().plus(WORK), detail(), "HTTP 500: boom"));
    scheduler.advance(Duration.ofSeconds(10), Duration.ofMillis(250));

    assertThat(scheduler.newFires()).isEmpty();
    assertThat(scheduler.state("job").retries()).isEmpty();
  }

  @Test
  void aLateResultOfAnEarlierAttemptDoesNotReplaceTheRetryOwed() {
    scheduler.define(hourly("job").build());
    var first = firstFire();
    scheduler.result(failure(first));
    scheduler.advance(Duration.ofSeconds(2));
    var second = single(scheduler.newFires());
    var secondFailed = fail(second); // attempt 3 owed
    var owed = scheduler.state("job").pendingRetry(first.fireId());

    scheduler.result(failure(first)); // a duplicate of attempt 1, arriving now

    assertThat(scheduler.state("job").pendingRetry(first.fireId())).isEqualTo(owed);
    assertThat(owed.attempt()).isEqualTo(3);
    assertThat(owed.retryAt()).isEqualTo(secondFailed.finishedAt().plusSeconds(2));
  }

  @Test
  void theRetryOwedStillRecognisesALateResultOnceTheBoundedRecordHasForgottenIt() {
    scheduler.define(aJob("job").every(Duration.ofHours(1)).createdAt(at(600_000)).build());
    scheduler.trigger("job", "first");
    var first = single(scheduler.newFires());
    var failed = fail(first);
    for (int i = 0; i < dev.punctual.scheduler.timer.JobState.MAX_HANDLED; i++) {
      scheduler.trigger("job", "other-" + i);
      fail(single(scheduler.newFires()));
    }
    assertThat(scheduler.state("job").handledAttempt(first.fireId())).isZero();

    scheduler.result(failed);

    assertThat(scheduler.state("job").pendingRetry(first.fireId()).retryAt())
        .isEqualTo(failed.finishedAt().plusSeconds(1));
    assertThat(scheduler.registry().get(SchedulerMetrics.RESULTS_IGNORED).counter().count())
        .isEqualTo(1);
  }

  @Test
  void aSuccessOfAnAttemptWhoseFailureWasAlreadyHandledCancelsTheRetry() {
    scheduler.define(hourly("job").build());
    var fire = firstFire();
    fail(fire);

    // the same attempt ran twice and the other run succeeded
    scheduler.result(
        ExecutionFinished.succeeded(
            fire, "w2", scheduler.now(), scheduler.now().plus(WORK), detail()));
    scheduler.advance(Duration.ofSeconds(5), Duration.ofMillis(250));

    assertThat(scheduler.newFires()).isEmpty();
    assertThat(scheduler.timers()).extracting(TimerKey::kind).doesNotContain(retryKind());
  }

  @Test
  void aTombstoneDropsTheRetriesOwed() {
    scheduler.define(hourly("doomed").build());
    fail(firstFire());

    scheduler.delete("doomed");
    scheduler.advance(Duration.ofSeconds(5), Duration.ofMillis(250));

    assertThat(scheduler.newFires()).isEmpty();
    assertThat(scheduler.timers()).isEmpty();
    assertThat(scheduler.state("doomed")).isNull();
  }

  @Test
  void aRetryOwedSurvivesAnUpdateAndExecutesTheNewTarget() {
    scheduler.define(hourly("job").build());
    var fire = firstFire();
    fail(fire);

    scheduler.define(hourly("job").url("https://fixed.example").paused(true).build());
    scheduler.advance(Duration.ofSeconds(2));

    assertThat(scheduler.newFires())
        .singleElement()
        .satisfies(
            retry -> {
              assertThat(retry.fireId()).isEqualTo(fire.fireId());
              assertThat(retry.attempt()).isEqualTo(2);
              assertThat(retry.target()).isEqualTo(HttpTarget.post("https://fixed.example"));
            });
  }

  @Test
  void aFailedManualFireIsRetriedUnderItsOwnFireId() {
    scheduler.define(aJob("job").every(Duration.ofHours(1)).createdAt(at(600_000)).build());
    scheduler.trigger("job", "req-7");
    var manual = single(scheduler.newFires());

    var retryAt = fail(manual).finishedAt().plusSeconds(1);
    scheduler.advanceTo(retryAt);

    assertThat(scheduler.newFires())
        .singleElement()
        .satisfies(
            retry -> {
              assertThat(retry.fireId()).isEqualTo("job@manual-req-7");
              assertThat(retry.trigger()).isEqualTo(Trigger.RETRY);
              assertThat(retry.scheduledAt()).isEqualTo(manual.scheduledAt());
              assertThat(retry.attempt()).isEqualTo(2);
            });
  }

  @Test
  void aRetryDueWhileTheSchedulerWasDownFiresOnceWhenItIsBack() {
    scheduler.define(hourly("job").build());
    var fire = firstFire();
    var retryAt = fail(fire).finishedAt().plusSeconds(1);

    scheduler.advance(Duration.ofMinutes(30), Duration.ofMinutes(30));

    assertThat(scheduler.newFires())
        .singleElement()
        .satisfies(
            retry -> {
              assertThat(retry.dueAt()).isEqualTo(retryAt);
              assertThat(retry.firedAt()).isEqualTo(scheduler.now());
            });
  }

  @Test
  void aResultOfAnUnknownJobIsIgnored() {
    scheduler.define(hourly("job").build());
    var fire = firstFire();
    scheduler.delete("job");

    fail(fire);

    assertThat(scheduler.deadLetters()).isEmpty();
    assertThat(scheduler.timers()).isEmpty();
  }

  @Test
  void retriesAndTheirLatenessAreMeasuredAgainstDueAtAndScheduledAt() {
    scheduler.define(hourly("job").build());
    var fire = firstFire();
    var retryAt = fail(fire).finishedAt().plusSeconds(1);
    scheduler.advanceTo(retryAt.plus(PUNCTUATION));
    var retry = single(scheduler.newFires());

    var registry = scheduler.registry();
    var lateness = registry.get(SchedulerMetrics.FIRE_LATENESS).tag("trigger", "RETRY").timer();
    var delay = registry.get(SchedulerMetrics.FIRE_DELAY).tag("trigger", "RETRY").timer();
    assertThat(lateness.count()).isEqualTo(1);
    assertThat(lateness.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS))
        .isEqualTo(Duration.between(retry.scheduledAt(), retry.firedAt()).toMillis());
    assertThat(delay.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS))
        .isEqualTo(Duration.between(retry.dueAt(), retry.firedAt()).toMillis())
        .isLessThan(PUNCTUATION.toMillis());
  }

  // fixtures

  @Test
  void aResultProcessedAfterItsBackoffHasPassedIsRetriedAtOnce() {
    scheduler.define(
        hourly("late").retry(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(5)).build());
    var fire = firstFire();
    var failed =
        ExecutionFinished.failed(
            fire, "w1", fire.firedAt(), fire.firedAt().plus(WORK), detail(), "HTTP 503: busy");
    // The result reaches the scheduler 10 s after the attempt finished (a backlog of results):
    // its retry is due at once, before the punctuations' scans have moved on.
    scheduler.advance(Duration.ofSeconds(10));
    scheduler.result(failed);
    scheduler.advance(PUNCTUATION);

    var retry = single(scheduler.newFires());
    assertThat(retry.attempt()).isEqualTo(2);
    assertThat(retry.dueAt()).isEqualTo(failed.finishedAt().plusSeconds(1));
  }

  @Test
  void aManualFireTriggeredWithParametersKeepsThemForItsRetriesAndItsDeadLetterAcrossARestart() {
    scheduler.define(
        hourly("manual").retry(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(5)).build());
    scheduler.advance(PUNCTUATION);
    scheduler.commandRaw(
        "manual", "{\"type\":\"TRIGGER\",\"requestId\":\"r1\",\"parameters\":{\"region\":\"us\"}}");
    var fire = single(scheduler.newFires());
    assertThat(fire.trigger()).isEqualTo(Trigger.MANUAL);
    var attempts = new ArrayList<JobFired>(java.util.List.of(fire));

    for (int attempt = 2; attempt <= 3; attempt++) {
      fail(fire);
      scheduler.restart();
      scheduler.advance(Duration.ofSeconds(5), PUNCTUATION);
      fire = single(attemptsOf(fire.fireId()));
      attempts.add(fire);
    }
    fail(fire);
    scheduler.advance(Duration.ofSeconds(10), Duration.ofSeconds(1));

    assertThat(attempts).extracting(JobFired::attempt).containsExactly(1, 2, 3);
    assertThat(attempts)
        .extracting(f -> f.parameters().get("region").asString())
        .containsOnly("us");
    var lastAttempt = Json.fromBytes(single(scheduler.deadLetters()).value(), JobFired.class);
    assertThat(lastAttempt.parameters().get("region").asString()).isEqualTo("us");
    assertThat(scheduler.state("manual").manual())
        .as("nothing kept after the final result")
        .isEmpty();
    assertThat(attemptsOf(fire.fireId())).as("no fourth attempt").isEmpty();
  }

  @Test
  void aManualFireThatSucceedsOnItsRetryForgetsItsParametersAndScheduledFiresKeepTheJobs() {
    // first occurrence at 60 s, after the manual fire and its retry
    scheduler.define(aJob("manual").every(Duration.ofHours(1)).createdAt(at(60_000)).build());
    scheduler.advance(PUNCTUATION);
    scheduler.commandRaw(
        "manual", "{\"type\":\"TRIGGER\",\"requestId\":\"r2\",\"parameters\":{\"region\":\"us\"}}");
    var fire = single(scheduler.newFires());
    assertThat(scheduler.state("manual").manualParameters(fire.fireId())).isNotNull();
    fail(fire);
    scheduler.advance(Duration.ofSeconds(2), PUNCTUATION);
    var retry = single(attemptsOf(fire.fireId()));
    assertThat(retry.parameters().get("region").asString()).isEqualTo("us");

    scheduler.result(
        ExecutionFinished.succeeded(
            retry, "w1", scheduler.now(), scheduler.now().plus(WORK), detail()));

    assertThat(scheduler.state("manual").manual()).isEmpty();
    scheduler.advanceTo(at(60_000).plus(PUNCTUATION));
    var scheduled = single(scheduler.newFires());
    assertThat(scheduled.trigger()).isEqualTo(Trigger.SCHEDULE);
    assertThat(scheduled.parameters().get("region").asString()).isNotEqualTo("us");
  }

  /** The new fires of {@code fireId} (attempts after the first). */
  private java.util.List<JobFired> attemptsOf(String fireId) {
    return scheduler.newFires().stream().filter(f -> f.fireId().equals(fireId)).toList();
  }

  private static Jobs hourly(String id) {
    return aJob(id).every(Duration.ofHours(1)).createdAt(at(1_000));
  }

  private JobFired firstFire() {
    scheduler.advance(Duration.ofMillis(1_050));
    return single(scheduler.newFires());
  }

  /** A failure of {@code fire} that finished {@link #WORK} after now. */
  private ExecutionFinished failure(JobFired fire) {
    return ExecutionFinished.failed(
        fire, "w1", scheduler.now(), scheduler.now().plus(WORK), detail(), "HTTP 503: unavailable");
  }

  private ExecutionFinished fail(JobFired fire) {
    var failed = failure(fire);
    scheduler.result(failed);
    return failed;
  }

  private ExecutionFinished timedOut(JobFired fire) {
    var result =
        ExecutionFinished.timedOut(
            fire,
            "w1",
            scheduler.now(),
            scheduler.now().plus(WORK),
            detail(),
            "no answer within PT30S");
    scheduler.result(result);
    return result;
  }

  private static tools.jackson.databind.node.ObjectNode detail() {
    return JsonNodeFactory.instance.objectNode().put("httpStatus", 503);
  }

  private static dev.punctual.scheduler.timer.TimerKind retryKind() {
    return dev.punctual.scheduler.timer.TimerKind.RETRY;
  }

  private static <T> T single(java.util.List<T> list) {
    assertThat(list).hasSize(1);
    return list.getFirst();
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static String header(Headers headers, String name) {
    var header = headers.lastHeader(name);
    assertThat(header).as("header %s", name).isNotNull();
    return text(header.value());
  }

  private static Instant at(long millisAfterT0) {
    return T0.plusMillis(millisAfterT0);
  }
}
