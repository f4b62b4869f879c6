package dev.punctual.scheduler.topology;

import dev.punctual.model.event.JobCommand;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.json.Json;
import org.apache.kafka.streams.processor.api.Record;
import tools.jackson.core.JacksonException;

/**
 * Executes the records of the commands topic: {@code TRIGGER} fires the job once, now, whatever its
 * schedule or pause state, with the command's {@code parameters} in place of the job's when it has
 * them.
 */
final class JobCommandProcessor extends InputProcessor {

  static final String EXPECTED = "expected {\"type\":\"TRIGGER\",\"requestId\":\"…\"}";

  JobCommandProcessor(TopologySettings settings, SchedulerMetrics metrics) {
    super(settings, metrics);
  }

  @Override
  void process(String jobId, Record<byte[], byte[]> record) {
    if (record.value() == null) {
      outputs.deadLetter(record, "a command must have a value; " + EXPECTED);
      return;
    }
    JobCommand command;
    try {
      command = Json.fromBytes(record.value(), JobCommand.class);
    } catch (JacksonException e) {
      outputs.deadLetter(
          record, "not a readable command: " + Messages.firstLine(e) + "; " + EXPECTED);
      return;
    }
    switch (command) {
      case JobCommand.TriggerNow trigger -> triggerNow(jobId, trigger, record);
      // Issue 13 work in progress: the scheduler's side of a backfill comes with its own commit.
      case JobCommand.Backfill backfill ->
          outputs.deadLetter(record, "backfill is not supported by this scheduler yet");
    }
  }

  private void triggerNow(
      String jobId, JobCommand.TriggerNow trigger, Record<byte[], byte[]> record) {
    var job = timers.find(jobId);
    if (job == null) {
      outputs.deadLetter(
          record,
          "no job '" + jobId + "' is known to the scheduler: it was never defined or was deleted");
      return;
    }
    outputs.emit(
        JobFired.manual(
            job.definition(), trigger.requestId(), outputs.now(), trigger.parameters()));
  }
}
