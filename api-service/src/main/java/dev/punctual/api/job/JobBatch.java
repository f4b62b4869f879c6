package dev.punctual.api.job;

import dev.punctual.api.ApiProperties;
import dev.punctual.api.audit.AuditAction;
import dev.punctual.api.audit.AuditLog;
import dev.punctual.api.audit.AuditOrigin;
import dev.punctual.api.system.InvalidBodyException;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.json.Json;
import dev.punctual.model.topic.ReservedTopics;
import dev.punctual.model.validation.FieldError;
import dev.punctual.model.validation.InvalidJobDefinitionException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /jobs/batch}: validates every item first, then creates the valid ones in one
 * transaction. An invalid item (400) or one that conflicts with an existing job (409) is reported
 * and changes nothing, without stopping the others; the others commit together, or (when the
 * database fails) not at all. Each item is recorded in the audit log (action {@code create}) in the
 * same transaction, since only the batch knows its items.
 *
 * <p>New jobs are written with one statement per table ({@link BulkCreate}, and one for the audit
 * entries); only items whose id exists already, repeats an earlier item's id, or sends a masked
 * credential header are matched one by one afterwards, in request order, as a single create would.
 */
@Service
class JobBatch {

  private final JobService jobs;
  private final BulkCreate bulk;
  private final AuditLog auditLog;
  private final int maxJobs;
  private final long maxDefinitionBytes;
  private final ReservedTopics reserved;

  JobBatch(JobService jobs, BulkCreate bulk, AuditLog auditLog, ApiProperties properties) {
    this.jobs = jobs;
    this.bulk = bulk;
    this.auditLog = auditLog;
    this.maxJobs = properties.maxBatchSize();
    this.maxDefinitionBytes = properties.maxRequestBodySize().toBytes();
    this.reserved = properties.topics().reserved();
  }

  /**
   * The outcome of one item.
   *
   * @param id the job's id (generated when the item had none); {@code null} when an invalid item
   *     named none
   * @param status 201 created, 200 existed with the same definition, 400 invalid, 409 conflict
   * @param error why it failed, as a problem; {@code null} on success
   */
  record Item(@Nullable String id, int status, @Nullable ItemProblem error) {}

  /** A failed item's problem (RFC 9457 members, with {@code errors} for the fields at fault). */
  record ItemProblem(
      String type, String title, int status, String detail, List<FieldError> errors) {}

  /** The answer: one item per job of the request, in its order. */
  record Result(List<Item> items) {}

  /** Reads the request and creates its jobs, recording each item as done by {@code origin}. */
  @Transactional
  Result createAll(JsonNode body, AuditOrigin origin) {
    var definitions = jobsOf(body);
    var items = new ArrayList<Item>(definitions.size());
    var read = new ArrayList<@Nullable JobRequestBody>(definitions.size());
    for (var definition : definitions) {
      try {
        read.add(validated(definition));
        items.add(null);
      } catch (InvalidJobDefinitionException e) {
        read.add(null);
        items.add(invalid(definition, e));
      }
    }
    var inBulk = new HashSet<Integer>();
    var seen = new HashSet<String>();
    for (int i = 0; i < read.size(); i++) {
      var valid = read.get(i);
      if (valid != null
          && seen.add(valid.definition().id())
          && !MaskedHeaders.sendsMask(valid.definition())) {
        inBulk.add(i);
      }
    }
    var created =
        bulk.createAbsent(inBulk.stream().sorted().map(i -> read.get(i).definition()).toList());
    var changes = new ArrayList<AuditLog.Change>(items.size());
    for (int i = 0; i < definitions.size(); i++) {
      var valid = read.get(i);
      if (valid == null) {
        changes.add(new AuditLog.Change(items.get(i).id(), null, items.get(i).status()));
        continue;
      }
      var id = valid.definition().id();
      if (inBulk.contains(i) && created.containsKey(id)) {
        items.set(i, new Item(id, 201, null));
        changes.add(new AuditLog.Change(id, created.get(id).version(), 201));
      } else {
        changes.add(createOrMatch(valid, items, i));
      }
    }
    auditLog.recordAllWithChange(origin, AuditAction.CREATE, changes);
    return new Result(items);
  }

  /** Creates or matches one job as a single create would; sets its item, returns its entry. */
  private AuditLog.Change createOrMatch(JobRequestBody valid, List<Item> items, int index) {
    var id = valid.definition().id();
    Optional<JobService.Written> written;
    try {
      written = jobs.createOrMatchInCurrentTransaction(valid.definition());
    } catch (InvalidJobDefinitionException e) {
      items.set(index, invalid(id, e));
      return new AuditLog.Change(id, null, items.get(index).status());
    }
    var item =
        written.map(w -> new Item(id, w.isNew() ? 201 : 200, null)).orElseGet(() -> conflict(id));
    items.set(index, item);
    return new AuditLog.Change(id, written.map(w -> w.job().version()).orElse(null), item.status());
  }

  private static Item conflict(String id) {
    return new Item(
        id,
        409,
        new ItemProblem(
            "about:blank",
            "Conflict",
            409,
            "A job with id '"
                + id
                + "' already exists with a different definition. Change it with PUT"
                + " /jobs/"
                + id
                + ", or choose another id.",
            List.of()));
  }

  private JobRequestBody validated(JsonNode definition) {
    var read = JobRequestBody.read(definition, UUID.randomUUID().toString(), reserved);
    long size = Json.toBytes(definition).length;
    if (size > maxDefinitionBytes) {
      throw new InvalidJobDefinitionException(
          new FieldError(
              "",
              "the definition has "
                  + size
                  + " bytes; at most "
                  + maxDefinitionBytes
                  + " are accepted"));
    }
    return read;
  }

  /**
   * An invalid item, with its id when it has a valid one: an invalid id (NUL, 20,000 characters …)
   * is neither echoed nor written to the audit log, where PostgreSQL could refuse it.
   */
  private static Item invalid(JsonNode definition, InvalidJobDefinitionException e) {
    var id = definition.path("id").isString() ? definition.get("id").asString() : null;
    return invalid(JobDefinition.isValidId(id) ? id : null, e);
  }

  private static Item invalid(@Nullable String id, InvalidJobDefinitionException e) {
    return new Item(
        id,
        HttpStatus.BAD_REQUEST.value(),
        new ItemProblem(
            "about:blank",
            "Invalid job definition",
            400,
            "The job definition is invalid: " + e.getMessage() + ".",
            e.errors()));
  }

  /** The request's {@code jobs}, checked for shape and count. */
  private List<JsonNode> jobsOf(JsonNode body) {
    if (!body.isObject()) {
      throw new InvalidBodyException(
          new FieldError("", "must be a JSON object: {\"jobs\":[definition, …]}"));
    }
    var unknown = new ArrayList<FieldError>();
    for (var field : body.propertyNames()) {
      if (!field.equals("jobs")) {
        unknown.add(new FieldError(field, "is not a known field; known fields: jobs"));
      }
    }
    if (!unknown.isEmpty()) {
      throw new InvalidBodyException(unknown);
    }
    var jobs = body.get("jobs");
    if (jobs == null || !jobs.isArray()) {
      throw new InvalidBodyException(
          new FieldError("jobs", "is required: an array of job definitions"));
    }
    if (jobs.size() > maxJobs) {
      throw new InvalidBodyException(
          new FieldError(
              "jobs",
              "holds "
                  + jobs.size()
                  + " jobs; at most "
                  + maxJobs
                  + " are accepted in one batch: split it into several requests"));
    }
    var list = new ArrayList<JsonNode>(jobs.size());
    jobs.forEach(list::add);
    return list;
  }
}
