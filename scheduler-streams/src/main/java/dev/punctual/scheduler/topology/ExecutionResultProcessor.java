package dev.punctual.scheduler.topology;

import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.json.Json;
import dev.punctual.model.json.RecordProblems;
import dev.punctual.model.log.LogContext;
import dev.punctual.scheduler.timer.ResultOutcome;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * Reads the records of the results topic: a failed attempt with attempts left becomes a retry
 * timer; the last allowed attempt failing, or an attempt failing in a way the worker reported as
 * not retryable, sends the fire to the dead-letter topic; duplicates and superseded results are
 * ignored. An unreadable result, or one filed under another job's key, is dead-lettered.
 */
final class ExecutionResultProcessor extends InputProcessor {

  private static final Logger log = LoggerFactory.getLogger(ExecutionResultProcessor.class);

  ExecutionResultProcessor(
      TopologySettings settings,
      SchedulerMetrics metrics,
      ScanMarks marks,
      PunctuationPacer pacer) {
    super(settings, metrics, marks, pacer);
  }

  @Override
  void process(String jobId, Record<byte[], byte[]> record) {
    if (record.value() == null) {
      outputs.deadLetter(record, "a result must have a value");
      return;
    }
    ExecutionFinished result;
    try {
      result = Json.fromBytes(record.value(), ExecutionFinished.class);
    } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
      outputs.deadLetter(record, "not a readable execution result: " + RecordProblems.describe(e));
      return;
    }
    if (result == null) { // the JSON literal null
      outputs.deadLetter(record, "an execution result must be a JSON object, not null");
      return;
    }
    if (!result.jobId().equals(jobId)) {
      outputs.deadLetter(
          record,
          "the result's jobId '"
              + result.jobId()
              + "' differs from the record key '"
              + jobId
              + "'; the key must be the job id");
      return;
    }
    try (var fire = LogContext.fire(result.fireId())) {
      act(result, timers.recordResult(result, outputs.now()), record);
    }
  }

  private void act(ExecutionFinished result, ResultOutcome outcome, Record<byte[], byte[]> record) {
    switch (outcome) {
      case ResultOutcome.Settled settled ->
          log.debug(
              "Fire {} attempt {} finished: {}",
              result.fireId(),
              result.attempt(),
              result.status());
      case ResultOutcome.Ignored ignored -> {
        metrics.resultIgnored();
        // DEBUG: the results of a deleted job's last fires are ignored one by one; at INFO,
        // deleting
        // 100,000 busy jobs wrote half a million lines and slowed the stream thread (counted in
        // punctual_scheduler_results_ignored_total).
        log.debug(
            "Ignoring the {} result of attempt {} of fire {}: {}",
            result.status(),
            result.attempt(),
            result.fireId(),
            ignored.reason());
      }
      case ResultOutcome.RetryScheduled scheduled -> {
        metrics.retryScheduled();
        log.info(
            "Attempt {} of fire {} ended {} ({}); attempt {} is due at {}",
            result.attempt(),
            result.fireId(),
            result.status(),
            result.error(),
            scheduled.retry().attempt(),
            scheduled.retry().retryAt());
      }
      case ResultOutcome.Exhausted exhausted ->
          outputs.deadLetterFire(
              record,
              exhausted.lastAttempt(),
              exhausted.reason(),
              SchedulerMetrics.RETRIES_EXHAUSTED);
      case ResultOutcome.NotRetryable failed ->
          outputs.deadLetterFire(
              record, failed.lastAttempt(), failed.reason(), SchedulerMetrics.NOT_RETRYABLE);
    }
  }
}
