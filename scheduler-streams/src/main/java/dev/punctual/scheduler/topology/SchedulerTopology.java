package dev.punctual.scheduler.topology;

import dev.punctual.model.topic.Topics;
import dev.punctual.scheduler.timer.TimerStores;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.Topology;

/**
 * Builds the scheduler's topology (Processor API):
 *
 * <pre>
 * jobs ──────► JobDefinitionProcessor ──┬──► fires
 * commands ──► JobCommandProcessor ─────┼──► missed
 * results ───► ExecutionResultProcessor ┴──► dead-letter
 *              (all three share the job-state, timer-index and job-trace stores)
 * </pre>
 *
 * The jobs processor also punctuates: every due timer (scheduled occurrence or retry) fires from
 * there. The results processor adds retry timers, dead-letters a fire that ran out of attempts, and
 * fires an occurrence that waited for a result under the overlap policy {@code BUFFER_ONE}.
 *
 * <p>The sources read raw bytes so that a bad record reaches the dead-letter topic as it was
 * written. Sharing the stores puts the three sources in one sub-topology: the task for partition p
 * reads partition p of each (the topics are co-partitioned by job id).
 */
public final class SchedulerTopology {

  public static final String JOBS_SOURCE = "jobs-source";
  public static final String COMMANDS_SOURCE = "commands-source";
  public static final String RESULTS_SOURCE = "results-source";
  public static final String JOBS_PROCESSOR = "apply-job-definitions";
  public static final String COMMANDS_PROCESSOR = "execute-commands";
  public static final String RESULTS_PROCESSOR = "track-results";
  public static final String FIRES_SINK = "fires-sink";
  public static final String MISSED_SINK = "missed-sink";
  public static final String DEAD_LETTER_SINK = "dead-letter-sink";

  private SchedulerTopology() {}

  public static Topology build(Topics topics, TopologySettings settings, MeterRegistry registry) {
    return build(topics, settings, registry, PunctuationPacer.systemClock());
  }

  /** The topology, with the pacer of its punctuations (a test driver's, in tests). */
  static Topology build(
      Topics topics, TopologySettings settings, MeterRegistry registry, PunctuationPacer pacer) {
    var metrics = new SchedulerMetrics(registry);
    var marks = new ScanMarks();
    var raw = new ByteArrayDeserializer();
    var topology = new Topology();
    topology
        .addSource(JOBS_SOURCE, raw, raw, topics.jobs().name())
        .addSource(COMMANDS_SOURCE, raw, raw, topics.commands().name())
        .addSource(RESULTS_SOURCE, raw, raw, topics.results().name())
        .addProcessor(
            JOBS_PROCESSOR,
            () -> new JobDefinitionProcessor(settings, metrics, marks, topics.reserved(), pacer),
            JOBS_SOURCE)
        .addProcessor(
            COMMANDS_PROCESSOR,
            () -> new JobCommandProcessor(settings, metrics, marks, pacer),
            COMMANDS_SOURCE)
        .addProcessor(
            RESULTS_PROCESSOR,
            () -> new ExecutionResultProcessor(settings, metrics, marks, pacer),
            RESULTS_SOURCE)
        .addStateStore(
            TimerStores.jobState(), JOBS_PROCESSOR, COMMANDS_PROCESSOR, RESULTS_PROCESSOR)
        .addStateStore(
            TimerStores.timerIndex(), JOBS_PROCESSOR, COMMANDS_PROCESSOR, RESULTS_PROCESSOR)
        .addStateStore(JobTraces.store(), JOBS_PROCESSOR, COMMANDS_PROCESSOR, RESULTS_PROCESSOR)
        .addSink(
            FIRES_SINK,
            topics.fires().name(),
            topics.fires().keySerde().serializer(),
            topics.fires().valueSerde().serializer(),
            JOBS_PROCESSOR,
            COMMANDS_PROCESSOR,
            RESULTS_PROCESSOR)
        .addSink(
            MISSED_SINK,
            topics.missed().name(),
            topics.missed().keySerde().serializer(),
            topics.missed().valueSerde().serializer(),
            JOBS_PROCESSOR,
            COMMANDS_PROCESSOR,
            RESULTS_PROCESSOR)
        .addSink(
            DEAD_LETTER_SINK,
            topics.deadLetter().name(),
            new ByteArraySerializer(),
            new ByteArraySerializer(),
            JOBS_PROCESSOR,
            COMMANDS_PROCESSOR,
            RESULTS_PROCESSOR);
    return topology;
  }
}
