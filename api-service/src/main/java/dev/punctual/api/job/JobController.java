package dev.punctual.api.job;

import dev.punctual.api.ApiProperties;
import dev.punctual.api.audit.AuditOrigin;
import dev.punctual.api.job.idempotency.IdempotencyKeys;
import dev.punctual.api.security.CurrentCaller;
import dev.punctual.api.system.Page;
import dev.punctual.api.system.PageSize;
import dev.punctual.model.topic.ReservedTopics;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /jobs}: create, list, read, replace and delete job definitions. A single job is answered
 * with an {@code ETag} of what it shows, whose version part {@code If-Match} takes on writes (see
 * {@link Preconditions}).
 */
@RestController
@RequestMapping(path = "/jobs", produces = MediaType.APPLICATION_JSON_VALUE)
class JobController implements JobApi {

  private final JobService jobs;
  private final JobQueries queries;
  private final ApiProperties properties;
  private final ReservedTopics reserved;
  private final Clock clock;

  JobController(JobService jobs, JobQueries queries, ApiProperties properties, Clock clock) {
    this.jobs = jobs;
    this.queries = queries;
    this.properties = properties;
    this.reserved = properties.topics().reserved();
    this.clock = clock;
  }

  @Override
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<ObjectNode> create(
      @RequestBody byte[] body,
      @RequestHeader(name = IdempotencyKeys.HEADER, required = false)
          @Nullable String idempotencyKey,
      HttpServletRequest request) {
    var key = IdempotencyKeys.requireValid(idempotencyKey);
    var read = JobRequestBody.read(body, UUID.randomUUID().toString(), reserved);
    var written = jobs.create(read.definition(), read.idGiven(), key, AuditOrigin.of(request));
    return answer(written);
  }

  @Override
  @GetMapping
  public Page<ObjectNode> list(
      @RequestParam(required = false) @Nullable String status,
      @RequestParam(required = false) @Nullable String name,
      @RequestParam(required = false) @Nullable String namespace,
      @RequestParam(required = false) @Nullable Integer limit,
      @RequestParam(required = false) @Nullable String cursor,
      HttpServletRequest request) {
    // Read from the request, not bound to a List: binding splits one value at its commas, and a
    // label's value may hold commas.
    var label = request.getParameterValues(LabelFilter.PARAMETER);
    var filter =
        JobFilter.of(status, name, namespace)
            .withLabels(label == null ? null : List.of(label))
            .seenBy(CurrentCaller.get());
    int size = PageSize.of(limit, properties);
    var now = clock.instant();
    return queries.list(filter, cursor, size, now, job -> JobResponseBody.of(job, now));
  }

  @Override
  @GetMapping("/{id}")
  public ResponseEntity<ObjectNode> get(@PathVariable String id) {
    return ok(queries.get(id));
  }

  @Override
  @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<ObjectNode> replace(
      @PathVariable String id,
      @RequestBody byte[] body,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
      @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false)
          @Nullable String ifNoneMatch) {
    var read = JobRequestBody.readForPath(body, id, reserved);
    return answer(jobs.replace(read, new Preconditions(ifMatch, ifNoneMatch)));
  }

  @Override
  @DeleteMapping("/{id}")
  public ResponseEntity<Void> delete(
      @PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
    jobs.delete(id, new Preconditions(ifMatch, null));
    return ResponseEntity.noContent().build();
  }

  private ResponseEntity<ObjectNode> answer(JobService.Written written) {
    if (!written.isNew()) {
      return ok(written.job());
    }
    var job = written.job();
    var shown = JobResponseBody.of(job, clock.instant());
    return ResponseEntity.status(HttpStatus.CREATED)
        .location(URI.create("/jobs/" + job.id()))
        .eTag(job.etag(shown))
        .body(shown);
  }

  private ResponseEntity<ObjectNode> ok(JobRow job) {
    var shown = JobResponseBody.of(job, clock.instant());
    return ResponseEntity.ok().eTag(job.etag(shown)).body(shown);
  }
}
