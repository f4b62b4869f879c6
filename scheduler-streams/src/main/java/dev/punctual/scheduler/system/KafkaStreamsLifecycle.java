package dev.punctual.scheduler.system;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts Kafka Streams when the Spring context has started and closes it when the context stops. A
 * stream thread that dies of an exception is replaced (and the exception logged): its task's
 * transaction is aborted and the new thread resumes from the last commit, so nothing is fired twice
 * or lost.
 *
 * <p>Closing leaves the consumer group, so that the other instances take over this one's tasks at
 * once instead of after the session timeout. Kafka Streams (4.3, classic protocol) does this only
 * for static members ({@code punctual.scheduler.instance-id}), which it removes with the admin
 * client; without an instance id the group notices the departure after the session timeout.
 */
public final class KafkaStreamsLifecycle implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(KafkaStreamsLifecycle.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final Topology topology;
  private final Properties config;
  private final MeterRegistry registry;
  private volatile @Nullable KafkaStreams streams;
  private volatile @Nullable KafkaStreamsMetrics metrics;

  public KafkaStreamsLifecycle(Topology topology, Properties config, MeterRegistry registry) {
    this.topology = topology;
    this.config = config;
    this.registry = registry;
  }

  @Override
  public synchronized void start() {
    if (streams != null) {
      return;
    }
    var created = new KafkaStreams(topology, config);
    created.setUncaughtExceptionHandler(
        exception -> {
          log.error(
              "A stream thread failed; replacing it, it resumes from the last commit", exception);
          return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    created.setStateListener(
        (newState, oldState) -> log.info("Kafka Streams state {} -> {}", oldState, newState));
    var binder = new KafkaStreamsMetrics(created);
    binder.bindTo(registry);
    metrics = binder;
    streams = created;
    created.start();
    log.info("Kafka Streams started: {}", topology.describe());
  }

  @Override
  public synchronized void stop() {
    var running = streams;
    if (running == null) {
      return;
    }
    var options = new KafkaStreams.CloseOptions().leaveGroup(true).timeout(CLOSE_TIMEOUT);
    if (!running.close(options)) {
      log.warn("Kafka Streams did not close within {}", CLOSE_TIMEOUT);
    }
    var binder = metrics;
    if (binder != null) {
      binder.close();
    }
    streams = null;
    metrics = null;
  }

  @Override
  public boolean isRunning() {
    return streams != null;
  }

  /** The Kafka Streams state, or {@code null} before start and after stop. */
  public KafkaStreams.@Nullable State state() {
    var running = streams;
    return running == null ? null : running.state();
  }
}
