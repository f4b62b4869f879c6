package dev.punctual.api.missed;

import dev.punctual.api.ApiProperties;
import dev.punctual.api.security.CurrentCaller;
import dev.punctual.api.system.Cursor;
import dev.punctual.api.system.NotFoundException;
import dev.punctual.api.system.Page;
import dev.punctual.api.system.PageSize;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /jobs/{id}/missed}: the job's missed occurrences, newest first. */
@RestController
class MissedController implements MissedApi {

  private final MissedRepository repository;
  private final ApiProperties properties;

  MissedController(MissedRepository repository, ApiProperties properties) {
    this.repository = repository;
    this.properties = properties;
  }

  @Override
  @GetMapping(path = "/jobs/{id}/missed", produces = MediaType.APPLICATION_JSON_VALUE)
  public Page<Missed> list(
      @PathVariable String id,
      @RequestParam(required = false) @Nullable Integer limit,
      @RequestParam(required = false) @Nullable String cursor) {
    int size = PageSize.of(limit, properties);
    var before = Cursor.decodeLong(cursor);
    // A job of a namespace the caller does not see is answered like one that does not exist.
    if (!repository.namespaceOfJob(id).map(CurrentCaller::sees).orElse(false)) {
      throw NotFoundException.job(id);
    }
    var fetched = repository.newestFirst(id, before, size + 1);
    return Page.of(fetched, size, missed -> Long.toString(missed.sequence()));
  }
}
