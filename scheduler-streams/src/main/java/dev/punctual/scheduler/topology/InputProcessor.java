package dev.punctual.scheduler.topology;

import dev.punctual.model.log.LogContext;
import dev.punctual.scheduler.timer.JobTimers;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A processor of one input topic keyed by job id, reading raw bytes. A record without a usable key
 * is dead-lettered; so is one whose processing fails unexpectedly, so that no record can stop the
 * stream (Kafka's own exceptions, such as a fenced producer, still propagate). The job id is in the
 * MDC ({@value LogContext#JOB_ID}) while a record is processed.
 */
abstract class InputProcessor implements Processor<byte[], byte[], Object, Object> {

  private static final Logger log = LoggerFactory.getLogger(InputProcessor.class);

  static final String NO_KEY =
      "the record key must be the job id as UTF-8 text, but it is missing or not UTF-8";

  protected final TopologySettings settings;
  protected final SchedulerMetrics metrics;
  private final ScanMarks marks;
  protected final PunctuationPacer pacer;
  protected ProcessorContext<Object, Object> context;
  protected Outputs outputs;
  protected JobTimers timers;
  protected JobTraces traces;

  InputProcessor(
      TopologySettings settings,
      SchedulerMetrics metrics,
      ScanMarks marks,
      PunctuationPacer pacer) {
    this.settings = settings;
    this.metrics = metrics;
    this.marks = marks;
    this.pacer = pacer;
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
    traces = new JobTraces(context);
    outputs = new Outputs(context, metrics, traces);
    timers =
        JobTimers.of(
            context,
            outputs,
            settings.misfireThreshold(),
            settings.maxCatchUpFires(),
            metrics.jobCounts().counter(context.taskId()),
            marks.starting(context.taskId()));
  }

  @Override
  public final void process(Record<byte[], byte[]> record) {
    pacer.inputSeen(context.currentSystemTimeMs() - record.timestamp());
    var jobId = jobIdOf(record.key());
    if (jobId == null) {
      outputs.deadLetter(record, NO_KEY);
      return;
    }
    try (var job = LogContext.job(jobId)) {
      process(jobId, record);
    } catch (KafkaException e) {
      throw e;
    } catch (RuntimeException e) {
      metrics.failed();
      log.error(
          "Processing a record of job {} failed; sending it to the dead-letter topic", jobId, e);
      outputs.deadLetter(
          record, "the scheduler failed to process this record (this indicates a bug): " + e);
    }
  }

  /** Processes a record whose key is {@code jobId}. */
  abstract void process(String jobId, Record<byte[], byte[]> record);

  private static @Nullable String jobIdOf(byte @Nullable [] key) {
    if (key == null) {
      return null;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(key)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
