package dev.punctual.client;

import dev.punctual.client.ApiTransport.Param;
import dev.punctual.model.event.MissedOccurrences;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.json.JobDefinitionCodec;
import dev.punctual.model.json.Json;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A typed client of Punctual's REST API. Definitions are written with job-model's codec, the same
 * one the API reads them with. Every method throws {@link PunctualApiException} when the API
 * refuses the request, and {@link java.io.UncheckedIOException} when it cannot be reached or does
 * not answer within the request timeout. Instances are thread-safe; make one per API and reuse it.
 *
 * <pre>{@code
 * var client = PunctualClient.builder(URI.create("http://localhost:3015")).apiKey(key).build();
 * client.create(definition);
 * client.list(JobQuery.all().withLabel("team", "payments")).forEach(System.out::println);
 * }</pre>
 */
public final class PunctualClient {

  /** How long a request may take when the builder sets no timeout. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** How long connecting may take when the builder sets no timeout. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final ApiTransport api;

  PunctualClient(ApiTransport api) {
    this.api = api;
  }

  /** A builder of a client of the API at {@code baseUri}, e.g. {@code http://localhost:3015}. */
  public static PunctualClientBuilder builder(URI baseUri) {
    return new PunctualClientBuilder(baseUri);
  }

  /** Creates a job; answers it, also when it existed already with the same definition. */
  public Job create(JobDefinition definition) {
    return create(definition, null);
  }

  /**
   * Creates a job. With an {@code idempotencyKey}, the request is safe to retry: the same key and
   * definition within 24 h answer the job the first request created.
   */
  public Job create(JobDefinition definition, @Nullable String idempotencyKey) {
    var answer =
        api.send("POST", "/jobs", JobDefinitionCodec.toBytes(definition), key(idempotencyKey));
    return Answers.job(Answers.tree(answer.body()));
  }

  /** Creates many jobs in one request; each job's outcome is in the result, in request order. */
  public BatchResult createAll(List<JobDefinition> definitions) {
    var body = Json.MAPPER.createObjectNode();
    var jobs = body.putArray("jobs");
    definitions.forEach(definition -> jobs.add(JobDefinitionCodec.toTree(definition)));
    var tree = Answers.tree(api.send("POST", "/jobs/batch", Json.toBytes(body), Map.of()).body());
    var items = new ArrayList<BatchResult.Item>();
    for (var item : tree.path("items")) {
      int status = item.path("status").asInt();
      var error = item.get("error");
      items.add(
          new BatchResult.Item(
              item.path("id").isString() ? item.get("id").asString() : null,
              status,
              error == null || !error.isObject() ? null : Problems.problem(status, error)));
    }
    return new BatchResult(items);
  }

  public Job get(String id) {
    return Answers.job(Answers.tree(api.send("GET", job(id), null, Map.of()).body()));
  }

  /** Replaces the job's definition (last write wins); creates the job when it does not exist. */
  public Job replace(JobDefinition definition) {
    return replace(definition, null);
  }

  /**
   * Replaces the job's definition if it is still at {@code ifMatch} (a {@link Job#etag()});
   * otherwise the API refuses with {@link PunctualApiException.Kind#PRECONDITION_FAILED}.
   */
  public Job replace(JobDefinition definition, @Nullable String ifMatch) {
    var answer =
        api.send(
            "PUT", job(definition.id()), JobDefinitionCodec.toBytes(definition), ifMatch(ifMatch));
    return Answers.job(Answers.tree(answer.body()));
  }

  public void delete(String id) {
    delete(id, null);
  }

  /** Deletes the job if it is still at {@code ifMatch} (a {@link Job#etag()}), or always. */
  public void delete(String id, @Nullable String ifMatch) {
    api.send("DELETE", job(id), null, ifMatch(ifMatch));
  }

  /** Every job {@code query} matches, ordered by id; pages are fetched as the stream is used. */
  public Stream<Job> list(JobQuery query) {
    return CursorPages.stream(cursor -> listPage(query, cursor));
  }

  /** One page of the jobs {@code query} matches. */
  public CursorPage<Job> listPage(JobQuery query, @Nullable String cursor) {
    var parameters = new ArrayList<Param>();
    parameters.add(new Param("status", query.status()));
    parameters.add(new Param("name", query.namePrefix()));
    parameters.add(new Param("namespace", query.namespace()));
    query.labels().forEach((k, v) -> parameters.add(new Param("label", k + ":" + v)));
    parameters.add(new Param("limit", query.pageSize()));
    parameters.add(new Param("cursor", cursor));
    var answer = api.send("GET", "/jobs" + ApiTransport.query(parameters), null, Map.of());
    return Answers.page(answer.body(), Answers::job);
  }

  /** Pauses the job's scheduled fires (a manual trigger still fires it). */
  public Job pause(String id) {
    return Answers.job(Answers.tree(api.send("POST", job(id) + "/pause", null, Map.of()).body()));
  }

  /** Resumes the job from its next occurrence. */
  public Job resume(String id) {
    return Answers.job(Answers.tree(api.send("POST", job(id) + "/resume", null, Map.of()).body()));
  }

  /** Fires the job once now, with its own parameters. */
  public Accepted trigger(String id) {
    return trigger(id, null, null);
  }

  /**
   * Fires the job once now.
   *
   * @param parameters replace the job's parameters for this fire only; {@code null} for its own
   * @param idempotencyKey becomes the request id, so a retried trigger has the same fire id
   */
  public Accepted trigger(
      String id, @Nullable ObjectNode parameters, @Nullable String idempotencyKey) {
    var body = Json.MAPPER.createObjectNode();
    if (parameters != null) {
      body.set("parameters", parameters);
    }
    var answer = api.send("POST", job(id) + "/trigger", Json.toBytes(body), key(idempotencyKey));
    return Answers.read(Answers.tree(answer.body()), Accepted.class);
  }

  /**
   * Fires every occurrence of the job's schedule in [{@code from}, {@code to}), oldest first (at
   * most 1,000), each with the fire id of its occurrence.
   */
  public Accepted backfill(String id, Instant from, Instant to, @Nullable String idempotencyKey) {
    var body = Json.MAPPER.createObjectNode().put("from", from.toString()).put("to", to.toString());
    var answer = api.send("POST", job(id) + "/backfill", Json.toBytes(body), key(idempotencyKey));
    return Answers.read(Answers.tree(answer.body()), Accepted.class);
  }

  /** The job's next {@code count} occurrences (1 to 100), earliest first. */
  public UpcomingRuns nextRuns(String id, int count) {
    var path = job(id) + "/next-runs" + ApiTransport.query(List.of(new Param("count", count)));
    return Answers.read(
        Answers.tree(api.send("GET", path, null, Map.of()).body()), UpcomingRuns.class);
  }

  /** Every attempt of the job's fires, newest first. */
  public Stream<ExecutionAttempt> executions(String jobId) {
    return executions(jobId, null);
  }

  /**
   * The attempts of the job's fires with {@code status} ({@value ExecutionAttempt#FIRED} or an
   * {@link dev.punctual.model.event.ExecutionStatus} name; {@code null} for all), newest first.
   */
  public Stream<ExecutionAttempt> executions(String jobId, @Nullable String status) {
    return CursorPages.stream(
        cursor -> {
          var query =
              ApiTransport.query(List.of(new Param("status", status), new Param("cursor", cursor)));
          var answer = api.send("GET", job(jobId) + "/executions" + query, null, Map.of());
          return Answers.page(answer.body(), item -> Answers.read(item, ExecutionAttempt.class));
        });
  }

  /** Every attempt of one fire, first attempt first. */
  public FireAttempts fire(String fireId) {
    var answer = api.send("GET", "/executions/" + ApiTransport.segment(fireId), null, Map.of());
    return Answers.read(Answers.tree(answer.body()), FireAttempts.class);
  }

  /** The job's missed occurrences, newest first. */
  public Stream<MissedOccurrences> missed(String jobId) {
    return CursorPages.stream(
        cursor -> {
          var query = ApiTransport.query(List.of(new Param("cursor", cursor)));
          var answer = api.send("GET", job(jobId) + "/missed" + query, null, Map.of());
          return Answers.page(answer.body(), item -> Answers.missed(jobId, item));
        });
  }

  private static String job(String id) {
    return "/jobs/" + ApiTransport.segment(id);
  }

  private static Map<String, String> key(@Nullable String idempotencyKey) {
    return idempotencyKey == null ? Map.of() : Map.of(IDEMPOTENCY_KEY, idempotencyKey);
  }

  private static Map<String, String> ifMatch(@Nullable String etag) {
    return etag == null ? Map.of() : Map.of("If-Match", etag);
  }
}
