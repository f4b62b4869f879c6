package dev.punctual.worker.kafka;

import dev.punctual.model.event.JobFired;
import dev.punctual.model.event.RecordHeaders;
import dev.punctual.model.job.KafkaTarget;
import dev.punctual.model.json.Json;
import dev.punctual.worker.trace.W3cTraceHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The record a Kafka target writes for a fire: the target's topic; its key as UTF-8 (none when
 * absent); its headers as UTF-8 plus {@code punctual-fire-id}, {@code punctual-job-id} and {@code
 * punctual-scheduled-at} (a target header with one of those names is replaced, so each appears
 * once) and the execution's W3C trace context ({@code traceparent}, {@code tracestate}); and its
 * payload: a JSON string as its raw UTF-8 text, JSON {@code null} as a {@code null} value, any
 * other JSON value as JSON.
 */
public final class TargetRecords {

  private static final Set<String> FIRE_HEADERS =
      Set.of(RecordHeaders.FIRE_ID, RecordHeaders.JOB_ID, RecordHeaders.SCHEDULED_AT);

  private TargetRecords() {}

  public static ProducerRecord<byte[], byte[]> record(JobFired fire, KafkaTarget target) {
    var headers = new org.apache.kafka.common.header.internals.RecordHeaders();
    target.headers().entrySet().stream()
        .filter(header -> !FIRE_HEADERS.contains(header.getKey()))
        .forEach(header -> headers.add(header.getKey(), utf8(header.getValue())));
    headers
        .add(RecordHeaders.FIRE_ID, utf8(fire.fireId()))
        .add(RecordHeaders.JOB_ID, utf8(fire.jobId()))
        .add(RecordHeaders.SCHEDULED_AT, utf8(fire.scheduledAt().toString()));
    W3cTraceHeaders.inject(headers);
    var key = target.key() == null ? null : utf8(target.key());
    return new ProducerRecord<>(target.topic(), null, null, key, value(target.payload()), headers);
  }

  /** The record value for a target's payload. */
  public static byte @Nullable [] value(JsonNode payload) {
    if (payload.isNull() || payload.isMissingNode()) {
      return null;
    }
    if (payload.isString()) {
      return utf8(payload.stringValue());
    }
    return Json.toBytes(payload);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
