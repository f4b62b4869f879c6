package dev.punctual.scheduler.topology;

import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.json.Json;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * Reads the records of the results topic. For now it only checks them (an unreadable result, or one
 * filed under another job's key, is dead-lettered); scheduling retries from them comes next.
 */
final class ExecutionResultProcessor extends InputProcessor {

  private static final Logger log = LoggerFactory.getLogger(ExecutionResultProcessor.class);

  ExecutionResultProcessor(TopologySettings settings, SchedulerMetrics metrics) {
    super(settings, metrics);
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
    } catch (JacksonException e) {
      outputs.deadLetter(record, "not a readable execution result: " + Messages.firstLine(e));
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
    log.debug(
        "Fire {} attempt {} of job {} finished: {}",
        result.fireId(),
        result.attempt(),
        jobId,
        result.status());
  }
}
