package dev.punctual.api.job;

import dev.punctual.api.ApiProperties;
import dev.punctual.api.system.Cursor;
import dev.punctual.api.system.Page;
import dev.punctual.api.system.PageSize;
import dev.punctual.model.json.JobDefinitionCodec;
import java.net.URI;
import java.time.Clock;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/** {@code /jobs}: create, list, read and delete job definitions. */
@RestController
@RequestMapping(path = "/jobs", produces = MediaType.APPLICATION_JSON_VALUE)
class JobController implements JobApi {

  private final JobService jobs;
  private final ApiProperties properties;
  private final Clock clock;

  JobController(JobService jobs, ApiProperties properties, Clock clock) {
    this.jobs = jobs;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * The raw body goes to the shared codec rather than through Spring's JSON binding, so that the
   * API accepts exactly what the jobs topic accepts and reports the same field errors.
   */
  @Override
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<ObjectNode> create(@RequestBody byte[] body) {
    var definition = JobDefinitionCodec.parse(body, UUID.randomUUID().toString());
    var created = jobs.create(definition);
    var json = JobRepresentation.of(created.job(), clock.instant());
    if (!created.isNew()) {
      return ResponseEntity.ok(json);
    }
    return ResponseEntity.status(HttpStatus.CREATED)
        .location(URI.create("/jobs/" + created.job().id()))
        .body(json);
  }

  @Override
  @GetMapping
  public Page<ObjectNode> list(
      @RequestParam(required = false) @Nullable Integer limit,
      @RequestParam(required = false) @Nullable String cursor) {
    int size = PageSize.of(limit, properties);
    var afterId = Cursor.decode(cursor);
    var now = clock.instant();
    var page = Page.of(jobs.listAfter(afterId, size + 1), size, StoredJob::id);
    return new Page<>(
        page.items().stream().map(job -> JobRepresentation.of(job, now)).toList(),
        page.nextCursor());
  }

  @Override
  @GetMapping("/{id}")
  public ObjectNode get(@PathVariable String id) {
    return JobRepresentation.of(jobs.get(id), clock.instant());
  }

  @Override
  @DeleteMapping("/{id}")
  public ResponseEntity<Void> delete(@PathVariable String id) {
    jobs.delete(id);
    return ResponseEntity.noContent().build();
  }
}
