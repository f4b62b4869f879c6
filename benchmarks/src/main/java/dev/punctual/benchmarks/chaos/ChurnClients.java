package dev.punctual.benchmarks.chaos;

import dev.punctual.model.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Clients that create, update, pause, resume and delete jobs through both API instances while
 * processes die, as real clients would: every write carries an {@code Idempotency-Key}, and a write
 * that gets a 5xx or no answer is sent again with the same key (to the other instance first, as a
 * load balancer would) for up to {@link #RETRY_DEADLINE}. Each client changes only its own jobs,
 * one write at a time, so what it was told is exactly what must be true at the end. Churned jobs
 * get new ids (a deleted job is never created again), so "deleted" stays checkable.
 */
public final class ChurnClients implements AutoCloseable {

  static final Duration RETRY_DEADLINE = Duration.ofSeconds(120);
  private static final int CLIENTS = 4;
  private static final int LIVE_JOBS_PER_CLIENT = 10;
  private static final Duration PACE = Duration.ofMillis(150);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Supplier<List<String>> apis;
  private final String prefix;
  private final String targetUrl;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<ChurnedJob> jobs = new CopyOnWriteArrayList<>();
  private final List<String> refusals = new CopyOnWriteArrayList<>();
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();
  private final AtomicLong unanswered = new AtomicLong();
  private final List<Thread> threads = new ArrayList<>();

  /**
   * Starts the clients.
   *
   * @param apis the API instances' current URLs (a restarted instance has a new port)
   * @param prefix the churned jobs' id prefix
   * @param targetUrl the HTTP target of half of the jobs
   */
  public ChurnClients(Supplier<List<String>> apis, String prefix, String targetUrl) {
    this.apis = apis;
    this.prefix = prefix;
    this.targetUrl = targetUrl;
    for (int c = 0; c < CLIENTS; c++) {
      int client = c;
      threads.add(Thread.ofPlatform().name("chaos-client-" + c).start(() -> run(client)));
    }
  }

  private void run(int client) {
    var random = new Random(client);
    var mine = new ArrayList<ChurnedJob>();
    int created = 0;
    while (running.get()) {
      mine.removeIf(job -> !job.live());
      if (mine.size() < LIVE_JOBS_PER_CLIENT && (mine.isEmpty() || random.nextInt(4) == 0)) {
        var job = new ChurnedJob(prefix + client + "-" + created++, random.nextBoolean());
        jobs.add(job);
        mine.add(job);
        write(job, "POST", "/jobs", definition(job));
      } else {
        var job = mine.get(random.nextInt(mine.size()));
        int op = random.nextInt(10);
        if (op < 4) {
          job.revision++;
          write(job, "PUT", "/jobs/" + job.id, definition(job));
        } else if (op < 8) {
          write(job, "POST", "/jobs/" + job.id + (job.ackedPaused ? "/resume" : "/pause"), null);
        } else {
          write(job, "DELETE", "/jobs/" + job.id, null);
        }
      }
      Pause.pause(PACE);
    }
  }

  /** Sends one write until it is answered (retrying as described above) and records the answer. */
  private void write(ChurnedJob job, String method, String path, String body) {
    var key = UUID.randomUUID().toString();
    long deadline = System.nanoTime() + RETRY_DEADLINE.toNanos();
    long delay = 250;
    for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
      var urls = apis.get();
      var url = urls.get(Math.floorMod(job.id.hashCode() + attempt, urls.size()));
      var response = send(url + path, method, body, key);
      if (response != null && response.statusCode() < 500) {
        record(job, method, path, attempt > 0, response);
        return;
      }
      retried.incrementAndGet();
      Pause.pause(Duration.ofMillis(delay));
      delay = Math.min(2_000, delay * 2);
    }
    job.uncertain = true;
    unanswered.incrementAndGet();
  }

  private void record(
      ChurnedJob job, String method, String path, boolean retry, HttpResponse<String> response) {
    int status = response.statusCode();
    if (method.equals("DELETE") && (status == 204 || (status == 404 && retry))) {
      job.deleted = true;
      acknowledged.incrementAndGet();
    } else if (status == 200 || status == 201) {
      var answer = Json.MAPPER.readTree(response.body());
      job.ackedVersion = answer.path("version").asLong();
      job.ackedPaused = "PAUSED".equals(answer.path("status").asString());
      acknowledged.incrementAndGet();
    } else {
      // Nothing here should be refused: count it, and stop changing a job in an unknown state.
      refusals.add(method + " " + path + " → " + status + " " + response.body());
      job.uncertain = true;
    }
  }

  private HttpResponse<String> send(String url, String method, String body, String key) {
    var request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Idempotency-Key", key)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private String definition(ChurnedJob job) {
    var target =
        job.http
            ? "{\"type\":\"http\",\"method\":\"POST\",\"url\":\""
                + targetUrl
                + "\",\"timeout\":\"PT10S\"}"
            : "{\"type\":\"kafka\",\"topic\":\"bench.out\",\"payload\":\"x\"}";
    return "{\"id\":\""
        + job.id
        + "\",\"schedule\":{\"every\":\"PT15S\"},\"target\":"
        + target
        + ",\"parameters\":{\"revision\":\""
        + job.revision
        + "\"},\"retry\":{\"maxAttempts\":"
        + ChaosJobs.MAX_ATTEMPTS
        + "}}";
  }

  /** Stops writing; returns once every client's write in flight was answered or gave up. */
  @Override
  public void close() {
    running.set(false);
    for (var thread : threads) {
      try {
        thread.join(RETRY_DEADLINE.plusSeconds(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Every job the clients touched. */
  List<ChurnedJob> jobs() {
    return List.copyOf(jobs);
  }

  public long acknowledged() {
    return acknowledged.get();
  }

  public long retried() {
    return retried.get();
  }

  /** Writes the API refused (4xx): none should be. */
  public List<String> refusals() {
    return List.copyOf(refusals);
  }

  /** Writes that got no answer within the deadline (their jobs are not checked). */
  public long unanswered() {
    return unanswered.get();
  }
}
