package dev.punctual.api.live;

import dev.punctual.api.ApiProperties;
import dev.punctual.api.security.Caller;
import dev.punctual.api.system.UnavailableException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The connected clients of the event stream on this instance, and what the projections {@linkplain
 * #publish publish} to them. Each instance serves the clients connected to it: every instance
 * projects every fire and result, so a client sees all of them whichever instance it reaches.
 */
@Component
public class LiveEvents implements SmartLifecycle {

  private final Set<LiveConnection> connections = ConcurrentHashMap.newKeySet();
  private final AtomicLong opened = new AtomicLong();
  private final Semaphore slots;
  private final ApiProperties.Events settings;
  private final JobNamespaces namespaces;
  private volatile boolean running;

  LiveEvents(ApiProperties properties, JobNamespaces namespaces) {
    this.settings = properties.events();
    this.slots = new Semaphore(settings.maxConnections());
    this.namespaces = namespaces;
  }

  /**
   * Sends {@code events} to the clients that may see them once the current transaction commits (at
   * once without one), so that a client never hears of an attempt the REST API does not show yet.
   * Called by the projections inside their transaction; never waits for a client.
   */
  public void publish(List<LiveEvent> events) {
    if (connections.isEmpty() || events.isEmpty()) {
      return;
    }
    var byJob = namespaces.of(events.stream().map(LiveEvent::jobId).distinct().toList());
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      deliver(events, byJob);
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            deliver(events, byJob);
          }
        });
  }

  /**
   * Opens a stream for {@code caller}.
   *
   * @param jobId only this job's events; {@code null} for every job the caller sees
   * @throws UnavailableException when this instance serves its maximum of connections
   */
  SseEmitter open(Caller caller, @Nullable String jobId) {
    if (!slots.tryAcquire()) {
      throw new UnavailableException(
          "This API instance serves its maximum of "
              + settings.maxConnections()
              + " live event connections (punctual.api.events.max-connections); try again later.",
          settings.heartbeat().toSeconds());
    }
    var emitter = new SseEmitter(settings.timeout().toMillis());
    var connection =
        new LiveConnection(
            caller,
            jobId,
            emitter,
            settings.heartbeat(),
            settings.queueCapacity(),
            closed -> {
              if (connections.remove(closed)) {
                slots.release();
              }
            });
    connections.add(connection);
    connection.start("live-events-" + opened.incrementAndGet());
    return emitter;
  }

  @Override
  public void start() {
    running = true;
  }

  /**
   * Ends every stream when the instance shuts down. This lifecycle stops before the web server's
   * graceful shutdown (a higher phase stops first), which would otherwise wait for the open streams
   * until its timeout; the clients reconnect to another instance.
   */
  @Override
  public void stop() {
    running = false;
    connections.forEach(LiveConnection::close);
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void deliver(List<LiveEvent> events, Map<String, String> namespaceByJob) {
    for (var connection : connections) {
      for (var event : events) {
        if (connection.wants(event, namespaceByJob.get(event.jobId()))) {
          connection.offer(event);
        }
      }
    }
  }
}
