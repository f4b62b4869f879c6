package dev.punctual.scheduler.topology;

import dev.punctual.model.json.JobDefinitionCodec;
import dev.punctual.model.topic.ReservedTopics;
import dev.punctual.model.validation.InvalidJobDefinitionException;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the records of the jobs topic to the timers (a {@code null} value deletes the job), and
 * fires due timers from a wall-clock punctuation, committing right after one that fired. It is the
 * one processor of a task that punctuates, so each task scans its time index once per interval; and
 * the one that changes job statuses, so it rebuilds the task's time index (which has no changelog)
 * and takes the task's job counts when the task starts.
 *
 * <p>A definition whose Kafka target writes to a reserved topic ({@link ReservedTopics}) is invalid
 * like any other: it is dead-lettered, and a job it would have updated keeps its current
 * definition.
 */
final class JobDefinitionProcessor extends InputProcessor {

  private static final Logger log = LoggerFactory.getLogger(JobDefinitionProcessor.class);

  private final ReservedTopics reservedTopics;

  JobDefinitionProcessor(
      TopologySettings settings,
      SchedulerMetrics metrics,
      ScanMarks marks,
      ReservedTopics reservedTopics,
      PunctuationPacer pacer) {
    super(settings, metrics, marks, pacer);
    this.reservedTopics = reservedTopics;
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    super.init(context);
    // Processors start once the task's stores are restored, and again after an aborted
    // transaction rolled the stores back: the index rebuilt and the jobs counted here follow the
    // job states actually committed. This processor is the task's one that punctuates, so the
    // index is rebuilt once per task, before any record is processed.
    metrics.jobCounts().reset(context.taskId(), timers.rebuildIndex());
    AlignedPunctuation.start(context, settings.punctuationInterval(), this::fireDueTimers, pacer);
  }

  @Override
  public void close() {
    metrics.jobCounts().remove(context.taskId());
  }

  @Override
  void process(String jobId, Record<byte[], byte[]> record) {
    if (record.value() == null) {
      timers.delete(jobId);
      traces.forget(jobId);
      return;
    }
    JobDefinitionCodec.DefinitionRecord parsed;
    try {
      parsed = JobDefinitionCodec.parseRecord(record.value(), jobId);
      reservedTopics.requireAllowed(parsed.definition());
    } catch (InvalidJobDefinitionException e) {
      outputs.deadLetter(record, "invalid job definition: " + e.getMessage());
      return;
    }
    var definition = parsed.definition();
    if (!definition.id().equals(jobId)) {
      outputs.deadLetter(
          record,
          "the definition's id '"
              + definition.id()
              + "' differs from the record key '"
              + jobId
              + "'; the key must be the job id");
      return;
    }
    // Before the timers: defining a job may fire an occurrence already due, in its new trace.
    traces.remember(jobId, record.headers());
    timers.define(
        definition, parsed.progress(), outputs.now(), Instant.ofEpochMilli(record.timestamp()));
  }

  /**
   * Fires the timers due by now plus the lead time, then asks for a commit if it fired any and
   * caught up: the stream thread commits right after this punctuation instead of up to a commit
   * interval later, so the fires become visible to {@code read_committed} consumers (the workers)
   * at once. Punctuations are aligned ({@link AlignedPunctuation}), so this adds at most one
   * transaction per punctuation interval and stream thread, whatever the number of fires or tasks.
   */
  private void fireDueTimers(long ignoredTimestamp) {
    int limit = settings.maxFiresPerPunctuation();
    var now = outputs.now();
    int work = timers.fireDue(now, now.plus(settings.leadTime()), limit);
    // In a backlog (a burst: the punctuation stopped at its limit, more is due at once) a commit
    // per punctuation only adds transactions, and the fires are late anyway: the commit interval
    // then paces the commits, as without this request.
    if (work > 0 && work < limit) {
      context.commit();
    }
    if (work >= limit) {
      log.debug("Did {} units of work in one punctuation; the rest follow in the next", work);
    }
  }
}
