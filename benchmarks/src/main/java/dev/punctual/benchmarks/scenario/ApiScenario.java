package dev.punctual.benchmarks.scenario;

import dev.punctual.benchmarks.BenchmarkOptions;
import dev.punctual.benchmarks.cluster.Cluster;
import dev.punctual.benchmarks.measure.ApiClient;
import dev.punctual.benchmarks.measure.JobLoader;
import dev.punctual.benchmarks.measure.Latency;
import dev.punctual.benchmarks.measure.Progress;
import dev.punctual.benchmarks.report.ScenarioResult;
import dev.punctual.model.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The REST API: single creates at a fixed concurrency, creates through the batch endpoint, and
 * {@code GET /jobs} page latency once PostgreSQL holds every job created. The jobs are yearly
 * crons, so they do not fire during the benchmark; they stay until its cluster is closed.
 */
final class ApiScenario implements Scenario {

  private static final String YEARLY = "{\"cron\":\"0 0 1 1 *\"}";
  private final ApiClient http = new ApiClient();

  @Override
  public boolean needsOwnCluster() {
    return true;
  }

  @Override
  public String name() {
    return "api";
  }

  @Override
  public ScenarioResult run(Cluster cluster, BenchmarkOptions options) {
    var api = cluster.apiUrl();
    if (api.isEmpty()) {
      return ScenarioResult.skipped(name(), "no API URL given (--api-url)");
    }
    var metrics = cluster.apiManagementUrl().orElseThrow();
    var prefix = Scenario.prefix(name());
    var figures = new LinkedHashMap<String, Object>();
    var notes = new ArrayList<String>();
    var created = new AtomicInteger();
    try (var progress =
        new Progress(
            name(),
            () -> "jobs created " + created.get() + ", outbox backlog " + backlog(metrics))) {
      long start = System.nanoTime();
      singleCreates(api.get(), prefix, options, created, figures);
      batchCreates(api.get(), prefix, options, created, figures, notes);
      long createdBy = System.nanoTime();
      Scenario.await(() -> backlog(metrics) == 0, Duration.ofMinutes(30));
      long drained = System.nanoTime();
      figures.put(
          "outbox drained after the last create (s)", (drained - createdBy) / 1_000_000_000.0);
      figures.put(
          "outbox relay records/s (overall)",
          Scenario.perSecond(created.get(), (drained - start) / 1_000_000));
      pageReads(api.get(), options, figures);
    }
    figures.put("jobs in PostgreSQL (this run)", created.get());
    notes.add(
        "the API, PostgreSQL and the broker share this machine with the scheduler and worker"
            + " processes; every create also goes through the outbox to Kafka");
    return ScenarioResult.measured(name(), figures, notes);
  }

  private void singleCreates(
      String api,
      String prefix,
      BenchmarkOptions options,
      AtomicInteger created,
      LinkedHashMap<String, Object> figures) {
    var latency = new Latency();
    var permits = new Semaphore(options.apiConcurrency());
    var failures = new AtomicInteger();
    long start = System.nanoTime();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < options.apiCreates(); i++) {
        var body = JobLoader.kafkaTargetJob(prefix + "single-" + i, YEARLY);
        permits.acquireUninterruptibly();
        executor.submit(
            () -> {
              try {
                long t0 = System.nanoTime();
                int status = http.post(api + "/jobs", body).statusCode();
                synchronized (latency) {
                  latency.record((System.nanoTime() - t0) / 1_000_000);
                }
                if (status == 201) {
                  created.incrementAndGet();
                } else {
                  failures.incrementAndGet();
                }
              } finally {
                permits.release();
              }
            });
      }
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    figures.put("single creates", options.apiCreates());
    figures.put("single concurrency", options.apiConcurrency());
    figures.put(
        "single creates/s", Scenario.perSecond(options.apiCreates() - failures.get(), millis));
    figures.putAll(latency.figures("single create latency"));
    figures.put("single create failures", failures.get());
  }

  private void batchCreates(
      String api,
      String prefix,
      BenchmarkOptions options,
      AtomicInteger created,
      LinkedHashMap<String, Object> figures,
      List<String> notes) {
    int batchSize = ApiClient.BATCH_SIZE;
    int batches = Math.max(1, options.apiBatchJobs() / batchSize);
    long start = System.nanoTime();
    int accepted = 0;
    for (int b = 0; b < batches; b++) {
      int first = b * batchSize;
      var jobs =
          IntStream.range(first, first + batchSize)
              .mapToObj(i -> JobLoader.kafkaTargetJob(prefix + "batch-" + i, YEARLY))
              .collect(Collectors.joining(",", "{\"jobs\":[", "]}"));
      var response = http.post(api + "/jobs/batch", jobs);
      if (response.statusCode() == 404 || response.statusCode() == 405) {
        notes.add("the batch endpoint is not available (HTTP " + response.statusCode() + ")");
        return;
      }
      int ok = ApiClient.countCreated(response.body());
      accepted += ok;
      created.addAndGet(ok);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    figures.put("batch creates", batches * batchSize);
    figures.put("batch creates accepted", accepted);
    figures.put("batch creates/s", Scenario.perSecond(accepted, millis));
  }

  private void pageReads(
      String api, BenchmarkOptions options, LinkedHashMap<String, Object> figures) {
    var latency = new Latency();
    String cursor = null;
    for (int page = 0; page < options.apiPageReads(); page++) {
      var url = api + "/jobs?limit=50" + (cursor == null ? "" : "&cursor=" + cursor);
      long t0 = System.nanoTime();
      var response = http.get(url);
      latency.record((System.nanoTime() - t0) / 1_000_000);
      var next = Json.MAPPER.readTree(response.body()).path("nextCursor");
      cursor = next.isNull() || next.isMissingNode() ? null : next.asString();
    }
    figures.put("pages read (limit 50)", options.apiPageReads());
    figures.putAll(latency.figures("GET /jobs page latency"));
  }

  /** Job changes in PostgreSQL not yet on Kafka, from the API's own metrics. */
  private long backlog(String metrics) {
    return http.outboxBacklog(metrics);
  }
}
