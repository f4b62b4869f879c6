package dev.punctual.worker.execution;

import dev.punctual.model.event.CloudEventHeaders;
import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.ExecutionStatus;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.job.KafkaTarget;
import dev.punctual.model.job.Target;
import dev.punctual.model.log.LogContext;
import dev.punctual.model.topic.Topic;
import dev.punctual.worker.http.CallHttpTarget;
import dev.punctual.worker.kafka.PrepareKafkaTarget;
import dev.punctual.worker.kafka.PrepareKafkaTarget.Prepared;
import dev.punctual.worker.secret.Redaction;
import dev.punctual.worker.secret.Resolution;
import dev.punctual.worker.secret.ResolveSecrets;
import dev.punctual.worker.trace.FireSpans;
import dev.punctual.worker.trace.W3cTraceHeaders;
import io.opentelemetry.api.trace.Span;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Executes one fire and returns the records that commit it: for an HTTP target the result; for a
 * Kafka target the target's record followed by the result. Runs on a virtual thread and never
 * throws: a bug while executing becomes a {@code FAILED} result, so one fire cannot block its
 * partition. Thread-safe.
 *
 * <p>The target's placeholders (parameters, fire and job fields, secrets) are resolved first, into
 * a target of this execution only; the fire keeps the placeholders. The values used are removed
 * from the result and from the log lines written here ({@link Redaction}).
 */
public final class ExecuteFire {

  private static final Logger log = LoggerFactory.getLogger(ExecuteFire.class);

  private final CallHttpTarget http;
  private final PrepareKafkaTarget kafka;
  private final ResolveSecrets secrets;
  private final Topic<String, ExecutionFinished> results;
  private final String workerId;
  private final Clock clock;
  private final WorkerMetrics metrics;
  private final FireSpans spans;

  public ExecuteFire(
      CallHttpTarget http,
      PrepareKafkaTarget kafka,
      ResolveSecrets secrets,
      Topic<String, ExecutionFinished> results,
      String workerId,
      Clock clock,
      WorkerMetrics metrics,
      FireSpans spans) {
    this.http = http;
    this.kafka = kafka;
    this.secrets = secrets;
    this.results = results;
    this.workerId = workerId;
    this.clock = clock;
    this.metrics = metrics;
    this.spans = spans;
  }

  /**
   * The records to commit for {@code fire}: a target record (Kafka targets only), the result. Log
   * lines written meanwhile on this thread carry the fire's {@code jobId} and {@code fireId} in the
   * MDC. The execution is a span ({@link FireSpans}), a child of the trace context current on the
   * calling thread (the fire record's); the target's request or record and the result carry it.
   */
  public List<ProducerRecord<byte[], byte[]>> execute(JobFired fire) {
    var span = spans.start(fire);
    try (var scope = span.makeCurrent();
        var context = LogContext.fire(fire.jobId(), fire.fireId())) {
      return executeLogged(fire);
    } finally {
      span.end();
    }
  }

  /** The clock that stamps {@code startedAt}: a fire held until its due time waits by it. */
  Clock clock() {
    return clock;
  }

  /**
   * The result that reports {@code fire} {@code FAILED} without executing it, because Kafka refused
   * a record it produced before ({@code error} says why).
   */
  List<ProducerRecord<byte[], byte[]>> refused(JobFired fire, String error) {
    try (var context = LogContext.fire(fire.jobId(), fire.fireId())) {
      log.warn("Reporting fire {} FAILED without executing it again: {}", fire.fireId(), error);
      return failedAtOnce(fire, error);
    }
  }

  /**
   * The result that reports {@code fire} {@code FAILED} (retryable) because its execution threw
   * {@code crash} past the guard of {@link #execute}: an {@link Error}, or a bug around the guarded
   * part. Logged with its class and stack trace only: its message may hold a resolved secret, and
   * which values to redact is no longer known here.
   */
  List<ProducerRecord<byte[], byte[]>> crashed(JobFired fire, @Nullable Throwable crash) {
    try (var context = LogContext.fire(fire.jobId(), fire.fireId())) {
      log.error(
          "Executing fire {} failed unexpectedly ({}); reporting it as FAILED",
          fire.fireId(),
          crash == null ? "no cause known" : crash.getClass().getName(),
          crash == null ? null : Redaction.withoutMessages(crash));
      return failedAtOnce(fire, internalError());
    }
  }

  /** The {@code FAILED} (retryable) result of {@code fire}, started and finished now. */
  private List<ProducerRecord<byte[], byte[]>> failedAtOnce(JobFired fire, String error) {
    var now = clock.instant();
    var result =
        ExecutionFinished.failed(
            fire, workerId, now, now, JsonNodeFactory.instance.objectNode(), error);
    metrics.finished(fire.target().type(), result.status(), Duration.ZERO);
    return List.of(resultRecord(result));
  }

  private List<ProducerRecord<byte[], byte[]>> executeLogged(JobFired fire) {
    var startedAt = clock.instant();
    metrics.started(fire, startedAt);
    var outputs = new ArrayList<ProducerRecord<byte[], byte[]>>(2);
    var redaction = Redaction.NONE;
    ExecutionFinished result;
    try {
      switch (secrets.resolve(fire)) {
        case Resolution.Unresolved unresolved ->
            result = failed(fire, startedAt, unresolved.error(), unresolved.retryable());
        case Resolution.Resolved resolved -> {
          redaction = resolved.redaction();
          result = redaction.result(executeTarget(fire, resolved.target(), startedAt, outputs));
        }
      }
    } catch (RuntimeException e) {
      log.error(
          "Executing fire {} failed unexpectedly; reporting it as FAILED",
          fire.fireId(),
          redaction.exception(e));
      outputs.clear();
      result = failed(fire, startedAt, internalError(), true);
    }
    var duration = Duration.between(result.startedAt(), result.finishedAt());
    metrics.finished(fire.target().type(), result.status(), duration);
    log.debug(
        "Fire {} (attempt {}) {} in {} ms{}",
        fire.fireId(),
        fire.attempt(),
        result.status(),
        duration.toMillis(),
        result.error() == null ? "" : ": " + result.error());
    FireSpans.finished(Span.current(), result);
    outputs.add(resultRecord(result));
    return outputs;
  }

  /** Executes {@code target} (the fire's, its secrets resolved); adds a Kafka target's record. */
  private ExecutionFinished executeTarget(
      JobFired fire,
      Target target,
      Instant startedAt,
      List<ProducerRecord<byte[], byte[]>> outputs) {
    return switch (target) {
      case HttpTarget http -> {
        var outcome = this.http.call(fire, http);
        var result =
            finished(
                fire,
                startedAt,
                outcome.status(),
                outcome.detail(),
                outcome.error(),
                outcome.retryable());
        yield outcome.retryAfter() == null || !result.retryable()
            ? result
            : result.withRetryAfter(outcome.retryAfter());
      }
      case KafkaTarget kafkaTarget ->
          switch (kafka.prepare(fire, kafkaTarget)) {
            case Prepared.Ready ready -> {
              outputs.add(ready.record());
              yield finished(
                  fire, startedAt, ExecutionStatus.SUCCEEDED, ready.detail(), null, false);
            }
            case Prepared.Refused refused ->
                finished(
                    fire,
                    startedAt,
                    ExecutionStatus.FAILED,
                    refused.detail(),
                    refused.error(),
                    refused.retryable());
          };
    };
  }

  /** A failure before or around the target's execution: no detail. */
  private ExecutionFinished failed(
      JobFired fire, Instant startedAt, String error, boolean retryable) {
    return finished(
        fire,
        startedAt,
        ExecutionStatus.FAILED,
        JsonNodeFactory.instance.objectNode(),
        error,
        retryable);
  }

  private ExecutionFinished finished(
      JobFired fire,
      Instant startedAt,
      ExecutionStatus status,
      ObjectNode detail,
      @Nullable String error,
      boolean retryable) {
    var finishedAt = clock.instant();
    return switch (status) {
      case SUCCEEDED -> ExecutionFinished.succeeded(fire, workerId, startedAt, finishedAt, detail);
      case FAILED ->
          retryable
              ? ExecutionFinished.failed(
                  fire, workerId, startedAt, finishedAt, detail, orUnknown(error))
              : ExecutionFinished.failedPermanently(
                  fire, workerId, startedAt, finishedAt, detail, orUnknown(error));
      case TIMED_OUT ->
          ExecutionFinished.timedOut(
              fire, workerId, startedAt, finishedAt, detail, orUnknown(error));
    };
  }

  private ProducerRecord<byte[], byte[]> resultRecord(ExecutionFinished result) {
    var topic = results.name();
    var record =
        new ProducerRecord<>(
            topic,
            null,
            null,
            results.keySerde().serializer().serialize(topic, result.jobId()),
            results.valueSerde().serializer().serialize(topic, result),
            CloudEventHeaders.finished(result));
    W3cTraceHeaders.inject(record.headers());
    return record;
  }

  private String internalError() {
    return "the worker could not execute this fire because of an internal error; see the log of"
        + " worker "
        + workerId;
  }

  private static String orUnknown(@Nullable String error) {
    return error == null ? "unknown error" : error;
  }
}
