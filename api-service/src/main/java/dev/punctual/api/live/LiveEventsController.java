package dev.punctual.api.live;

import dev.punctual.api.security.CurrentCaller;
import dev.punctual.api.system.NotFoundException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /events} and {@code GET /jobs/{id}/events}: live fires and results as server-sent
 * events, for the callers with {@code jobs:read}, limited to the namespace they see.
 */
@RestController
class LiveEventsController implements LiveEventsApi {

  private final LiveEvents events;
  private final JobNamespaces namespaces;

  LiveEventsController(LiveEvents events, JobNamespaces namespaces) {
    this.events = events;
    this.namespaces = namespaces;
  }

  @Override
  @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  public SseEmitter all() {
    return events.open(CurrentCaller.get(), null);
  }

  @Override
  @GetMapping(path = "/jobs/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  public SseEmitter job(@PathVariable String id) {
    if (!namespaces.of(id).map(CurrentCaller::sees).orElse(false)) {
      throw NotFoundException.job(id);
    }
    return events.open(CurrentCaller.get(), id);
  }
}
