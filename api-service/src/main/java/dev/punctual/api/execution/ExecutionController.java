package dev.punctual.api.execution;

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

/**
 * {@code GET /jobs/{id}/executions}: the attempts of a job's fires, newest first; {@code GET
 * /executions/{fireId}}: every attempt of one fire.
 */
@RestController
class ExecutionController implements ExecutionApi {

  private final ExecutionRepository repository;
  private final ApiProperties properties;

  ExecutionController(ExecutionRepository repository, ApiProperties properties) {
    this.repository = repository;
    this.properties = properties;
  }

  @Override
  @GetMapping(path = "/jobs/{id}/executions", produces = MediaType.APPLICATION_JSON_VALUE)
  public Page<Execution> list(
      @PathVariable String id,
      @RequestParam(required = false) @Nullable String status,
      @RequestParam(required = false) @Nullable Integer limit,
      @RequestParam(required = false) @Nullable String cursor) {
    var filter = ExecutionStatusFilter.filter(status);
    int size = PageSize.of(limit, properties);
    var before = Cursor.decodeLong(cursor);
    if (!repository.namespaceOfJob(id).map(CurrentCaller::sees).orElse(false)) {
      throw NotFoundException.job(id);
    }
    var fetched = repository.newestFirst(id, filter, before, size + 1);
    return Page.of(fetched, size, execution -> Long.toString(execution.sequence()));
  }

  /**
   * Whether the caller sees the fire's job; a caller bound to a namespace does not see fires of a
   * job that is not (or no longer) known.
   */
  private boolean visible(FireExecutions fire) {
    return repository
        .namespaceOfJob(fire.jobId())
        .map(CurrentCaller::sees)
        .orElse(CurrentCaller.get().namespace() == null);
  }

  @Override
  @GetMapping(path = "/executions/{fireId}", produces = MediaType.APPLICATION_JSON_VALUE)
  public FireExecutions attempts(@PathVariable String fireId) {
    return repository
        .attemptsOf(fireId)
        .filter(this::visible)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "There is no execution of a fire with id '"
                        + fireId
                        + "'. Fire ids look like <jobId>@<epoch millis> or"
                        + " <jobId>@manual-<requestId>; a fire appears once the scheduler"
                        + " emitted it."));
  }
}
