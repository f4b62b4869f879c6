package dev.punctual.scheduler.topology;

import dev.punctual.model.event.JobCommand;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.json.Json;
import dev.punctual.model.json.RecordProblems;
import dev.punctual.scheduler.timer.JobState;
import dev.punctual.scheduler.timer.JobTimers;
import org.apache.kafka.streams.processor.api.Record;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * Executes the records of the commands topic: {@code TRIGGER} fires the job once, now, whatever its
 * schedule or pause state, with the command's {@code parameters} in place of the job's when it has
 * them (kept for its retries until its final result); {@code BACKFILL} fires each occurrence of its
 * schedule in a past range, now, oldest first. A command for a job the scheduler does not know is
 * dead-lettered.
 */
final class JobCommandProcessor extends InputProcessor {

  private static final Logger log = LoggerFactory.getLogger(JobCommandProcessor.class);

  static final String EXPECTED =
      "expected {\"type\":\"TRIGGER\",\"requestId\":\"…\"} or"
          + " {\"type\":\"BACKFILL\",\"requestId\":\"…\",\"from\":\"…\",\"to\":\"…\"}";

  JobCommandProcessor(
      TopologySettings settings,
      SchedulerMetrics metrics,
      ScanMarks marks,
      PunctuationPacer pacer) {
    super(settings, metrics, marks, pacer);
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
    } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
      outputs.deadLetter(
          record, "not a readable command: " + RecordProblems.describe(e) + "; " + EXPECTED);
      return;
    }
    if (command == null) { // the JSON literal null
      outputs.deadLetter(record, "a command must be a JSON object, not null; " + EXPECTED);
      return;
    }
    switch (command) {
      case JobCommand.TriggerNow trigger -> triggerNow(jobId, trigger, record);
      case JobCommand.Backfill backfill -> backfill(jobId, backfill, record);
    }
  }

  private void triggerNow(
      String jobId, JobCommand.TriggerNow trigger, Record<byte[], byte[]> record) {
    var job = knownJob(jobId, record);
    if (job != null) {
      var fire =
          JobFired.manual(
              job.definition(), trigger.requestId(), outputs.now(), trigger.parameters());
      if (trigger.parameters() != null) {
        timers.keepManualParameters(job, fire.fireId(), trigger.parameters());
      }
      outputs.emit(fire);
    }
  }

  /**
   * Fires every occurrence in [from, to) at once, in this record's transaction, or none when there
   * are more than {@link JobCommand#MAX_BACKFILL_OCCURRENCES} (the API refuses such a request too;
   * this guards the topic, which anyone may write). A paused or completed job is backfilled too, as
   * it is triggered: the request is explicit. Backfill fires do not count towards {@code maxRuns}.
   */
  private void backfill(String jobId, JobCommand.Backfill backfill, Record<byte[], byte[]> record) {
    var job = knownJob(jobId, record);
    if (job == null) {
      return;
    }
    int max = JobCommand.MAX_BACKFILL_OCCURRENCES;
    var occurrences = JobTimers.occurrencesIn(job, backfill.from(), backfill.to(), max);
    if (occurrences.size() > max) {
      outputs.deadLetter(
          record,
          "backfill "
              + backfill.requestId()
              + " of ["
              + backfill.from()
              + ", "
              + backfill.to()
              + ") covers more than "
              + max
              + " occurrences of the job's schedule; split it into smaller ranges");
      return;
    }
    var now = outputs.now();
    for (var occurrence : occurrences) {
      outputs.emit(JobFired.backfill(job.definition(), occurrence, now));
    }
    log.info(
        "Backfill {} of job {} over [{}, {}): {} fires",
        backfill.requestId(),
        jobId,
        backfill.from(),
        backfill.to(),
        occurrences.size());
  }

  private @Nullable JobState knownJob(String jobId, Record<byte[], byte[]> record) {
    var job = timers.find(jobId);
    if (job == null) {
      outputs.deadLetter(
          record,
          "no job '" + jobId + "' is known to the scheduler: it was never defined or was deleted");
    }
    return job;
  }
}
