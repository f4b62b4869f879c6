package dev.punctual.api.live;

import dev.punctual.api.security.Caller;
import dev.punctual.model.json.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client of the event stream: what it may see, a bounded queue of events for it, and a virtual
 * thread of its own that writes them (and a heartbeat when there is nothing to write). The
 * projection only {@linkplain #offer offers} to the queue, so a client that reads slowly or not at
 * all never holds it up: when its queue is full it is disconnected, and it reconnects and reloads
 * what it missed from the REST API.
 */
final class LiveConnection {

  private static final Logger log = LoggerFactory.getLogger(LiveConnection.class);

  private final Caller caller;
  private final @Nullable String jobId;
  private final SseEmitter emitter;
  private final Duration heartbeat;
  private final BlockingQueue<LiveEvent> queue;
  private final Consumer<LiveConnection> onClose;
  private volatile boolean closed;
  private volatile @Nullable Thread sender;

  /**
   * @param jobId the only job whose events the client wants; {@code null} for every job it sees
   * @param onClose called once when the connection ends, for whatever reason
   */
  LiveConnection(
      Caller caller,
      @Nullable String jobId,
      SseEmitter emitter,
      Duration heartbeat,
      int queueCapacity,
      Consumer<LiveConnection> onClose) {
    this.caller = caller;
    this.jobId = jobId;
    this.emitter = emitter;
    this.heartbeat = heartbeat;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.onClose = onClose;
    emitter.onCompletion(this::close);
    emitter.onTimeout(
        () -> {
          // The client reconnects; completing here keeps the container from answering an error.
          close();
          emitter.complete();
        });
    emitter.onError(e -> close());
  }

  /** Starts writing to the client. */
  void start(String name) {
    sender = Thread.ofVirtual().name(name).start(this::send);
  }

  /**
   * Whether the client may see {@code event} of a job in {@code namespace} ({@code null}: a job the
   * API does not know, seen only by callers of every namespace, like {@code GET /executions}).
   */
  boolean wants(LiveEvent event, @Nullable String namespace) {
    if (jobId != null && !jobId.equals(event.jobId())) {
      return false;
    }
    return namespace == null ? caller.namespace() == null : caller.sees(namespace);
  }

  /** Queues {@code event} without waiting; a client whose queue is full is disconnected. */
  void offer(LiveEvent event) {
    if (!closed && !queue.offer(event)) {
      log.info("Disconnecting a live event client that reads too slowly ({})", caller.actor());
      close();
    }
  }

  /** Ends the connection: the sender stops and completes the response. */
  void close() {
    if (closed) {
      return;
    }
    closed = true;
    queue.clear();
    var thread = sender;
    if (thread != null) {
      thread.interrupt();
    }
    onClose.accept(this);
  }

  private void send() {
    try {
      emitter.send(SseEmitter.event().comment("connected"));
      while (!closed) {
        var event = queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
          emitter.send(SseEmitter.event().comment("heartbeat"));
        } else if (!closed) {
          emitter.send(
              SseEmitter.event()
                  .name(event.type())
                  .id(event.id())
                  .data(Json.toText(event), MediaType.APPLICATION_JSON));
        }
      }
    } catch (InterruptedException e) {
      // closed: the client reads too slowly, the stream timed out, or the instance stops
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      log.debug("Live event client gone: {}", e.toString());
    } finally {
      close();
      // Ends the response (a no-op when the container ended it), so that no request stays open.
      try {
        emitter.complete();
      } catch (RuntimeException e) {
        log.debug("Completing a live event stream failed: {}", e.toString());
      }
    }
  }
}
