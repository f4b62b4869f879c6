package dev.punctual.scheduler.topology;

import dev.punctual.model.event.CloudEventHeaders;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.event.MissedOccurrences;
import dev.punctual.model.event.RecordHeaders;
import dev.punctual.model.json.Json;
import dev.punctual.model.log.LogContext;
import dev.punctual.model.schedule.MisfirePolicy;
import dev.punctual.scheduler.timer.FireSink;
import dev.punctual.scheduler.timer.TimerKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a processor writes: fires to the fires sink (with their CloudEvents headers, {@link
 * CloudEventHeaders}, and their job's trace headers, {@link JobTraces}), missed occurrences to the
 * missed sink (with their CloudEvents headers), unusable input and exhausted fires to the
 * dead-letter sink, and the task's wall-clock time.
 */
final class Outputs implements FireSink {

  private static final Logger log = LoggerFactory.getLogger(Outputs.class);

  private final ProcessorContext<Object, Object> context;
  private final SchedulerMetrics metrics;
  private final JobTraces traces;

  Outputs(ProcessorContext<Object, Object> context, SchedulerMetrics metrics, JobTraces traces) {
    this.context = context;
    this.metrics = metrics;
    this.traces = traces;
  }

  /**
   * The task's wall-clock time: when punctuating, the time the punctuation started; when processing
   * a record, the time the current poll loop iteration started (never later than the real time, so
   * nothing is judged due early). {@code TopologyTestDriver} controls it.
   */
  Instant now() {
    return Instant.ofEpochMilli(context.currentSystemTimeMs());
  }

  @Override
  public void emit(JobFired fire) {
    var record =
        new Record<Object, Object>(
            fire.jobId(), fire, fire.firedAt().toEpochMilli(), CloudEventHeaders.fired(fire));
    traces.addTo(fire.jobId(), record.headers());
    context.forward(record, SchedulerTopology.FIRES_SINK);
    metrics.fired(fire);
    if (log.isDebugEnabled()) {
      try (var id = LogContext.fire(fire.fireId())) {
        log.debug(
            "Fired {} attempt {} ({}, scheduled at {}, due at {}, missed {})",
            fire.fireId(),
            fire.attempt(),
            fire.trigger(),
            fire.scheduledAt(),
            fire.dueAt(),
            fire.missed());
      }
    }
  }

  @Override
  public void missed(MisfirePolicy policy, long missed, long skipped) {
    metrics.missed(policy, missed, skipped);
  }

  @Override
  public void missed(MissedOccurrences missed) {
    context.forward(
        new Record<>(
            missed.jobId(),
            missed,
            missed.detectedAt().toEpochMilli(),
            CloudEventHeaders.missed(missed)),
        SchedulerTopology.MISSED_SINK);
    metrics.missedRecord(missed.reason());
  }

  @Override
  public void timerFailed(TimerKey timer, RuntimeException cause) {
    metrics.failed();
    log.error(
        "Dropped the {} timer of job {} due at {}: processing it failed; the job fires again once"
            + " its definition is updated. This indicates a bug.",
        timer.kind(),
        timer.jobId(),
        timer.dueAt(),
        cause);
  }

  /**
   * Sends the record being processed to the dead-letter topic unchanged (key, value, timestamp,
   * headers), with the reason and where it came from in the {@code punctual-*} headers.
   */
  void deadLetter(Record<byte[], byte[]> record, String reason) {
    var headers =
        new org.apache.kafka.common.header.internals.RecordHeaders(record.headers().toArray());
    forwardDeadLetter(
        record.key(),
        record.value(),
        record.timestamp(),
        headers,
        reason,
        SchedulerMetrics.UNUSABLE_INPUT);
  }

  /**
   * Sends the last attempt of a fire that ended failed (retries exhausted, or a failure that cannot
   * be retried) to the dead-letter topic, as a fire (JSON) keyed by job id, with the reason; the
   * source headers name the result that ended it (the record being processed).
   *
   * @param kind the {@code reason} tag of the dead-letter metric
   */
  void deadLetterFire(
      Record<byte[], byte[]> result, JobFired lastAttempt, String reason, String kind) {
    try (var id = LogContext.fire(lastAttempt.fireId())) {
      forwardDeadLetter(
          lastAttempt.jobId().getBytes(StandardCharsets.UTF_8),
          Json.toBytes(lastAttempt),
          result.timestamp(),
          new org.apache.kafka.common.header.internals.RecordHeaders(),
          reason,
          kind);
    }
  }

  private void forwardDeadLetter(
      byte[] key, byte[] value, long timestamp, Headers headers, String reason, String kind) {
    var metadata = context.recordMetadata();
    var topic = metadata.map(m -> m.topic()).orElse("unknown");
    var partition = metadata.map(m -> String.valueOf(m.partition())).orElse("unknown");
    var offset = metadata.map(m -> String.valueOf(m.offset())).orElse("unknown");
    replace(headers, RecordHeaders.ERROR, reason);
    replace(headers, RecordHeaders.SOURCE_TOPIC, topic);
    replace(headers, RecordHeaders.SOURCE_PARTITION, partition);
    replace(headers, RecordHeaders.SOURCE_OFFSET, offset);
    context.forward(
        new Record<>(key, value, timestamp, headers), SchedulerTopology.DEAD_LETTER_SINK);
    metrics.deadLettered(topic, kind);
    log.warn(
        "Sent a record to the dead-letter topic ({}-{}@{}): {}", topic, partition, offset, reason);
  }

  private static void replace(Headers headers, String name, String value) {
    headers.remove(name).add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
