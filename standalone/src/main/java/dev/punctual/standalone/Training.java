package dev.punctual.standalone;

import com.sun.net.httpserver.HttpServer;
import dev.punctual.client.JobQuery;
import dev.punctual.client.PunctualClient;
import dev.punctual.client.kafka.JobsTopicProducer;
import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.job.KafkaTarget;
import dev.punctual.model.job.Target;
import dev.punctual.model.json.Json;
import dev.punctual.model.schedule.Schedule;
import dev.punctual.model.topic.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * {@code train [SECONDS]}: a short workload on a private standalone, run once under {@code
 * -XX:AOTCacheOutput} so that the JVM writes an AOT cache (JDK 25+: classes loaded and linked ahead
 * of time, and the method profiles of this run) that {@code ./punctual run} then starts with.
 * Without it the standalone spends its first minute loading classes and compiling its hot paths,
 * and fires in that minute are seconds late (docs/benchmarks.md, "An AOT cache for the
 * standalone").
 *
 * <p>The workload touches what a user's first minute does: jobs created through the REST API one by
 * one and in batches, and straight onto the jobs topic; every-second fires to an HTTP target on
 * loopback and to a Kafka topic, their results projected into PostgreSQL; reads, a trigger, and the
 * deletes at the end. It runs on a temporary data directory and free ports, so it neither needs nor
 * touches the user's data or default ports.
 */
final class Training {

  /** How long the jobs fire, unless the command names a number of seconds. */
  static final Duration DEFAULT_DURATION = Duration.ofSeconds(30);

  private static final int HTTP_JOBS = 1_000;
  private static final int KAFKA_JOBS = 1_000;
  private static final int SINGLE_CREATES = 200;
  private static final int PRODUCED_JOBS = 500;
  private static final String TOPIC = "punctual.training";

  private final PrintStream out;

  Training(PrintStream out) {
    this.out = out;
  }

  /** Runs the workload for {@code duration}; returns how many HTTP calls the jobs made. */
  long run(Duration duration) throws IOException, InterruptedException {
    var data = Files.createTempDirectory("punctual-training-");
    var calls = new AtomicLong();
    var server = targetServer(calls);
    try (var system =
        PunctualSystem.start(
            new StandaloneProperties(
                data, 0, 0, 0, 0, 0, 0, 0, 6, StandaloneProperties.DEFAULT_TOPIC_PREFIX),
            List.of())) {
      createTopic(system.kafkaBootstrapServers());
      var client =
          PunctualClient.builder(URI.create(system.apiUrl()))
              .requestTimeout(Duration.ofSeconds(60))
              .build();
      var target = "http://127.0.0.1:" + server.getAddress().getPort() + "/training";
      out.printf("Creating %,d jobs...%n", HTTP_JOBS + KAFKA_JOBS + SINGLE_CREATES + PRODUCED_JOBS);
      var ids = create(client, system.kafkaBootstrapServers(), target);
      long until = System.nanoTime() + duration.toNanos();
      while (System.nanoTime() < until) {
        Thread.sleep(1_000); // the fires run on their own; this only paces the reads below
        var first = client.executions(ids.getFirst()).limit(20).count();
        client.list(JobQuery.all().withPageSize(100)).limit(100).count();
        out.printf("  %,d HTTP calls so far, %d executions of the first job%n", calls.get(), first);
      }
      client.trigger(ids.getFirst());
      if (calls.get() == 0) {
        throw new IllegalStateException("no job reached the training's HTTP target");
      }
      out.printf("Deleting the jobs...%n");
      delete(client, ids);
      return calls.get();
    } finally {
      server.stop(0);
      deleteRecursively(data);
    }
  }

  private List<String> create(PunctualClient client, String bootstrapServers, String target)
      throws InterruptedException {
    var every = Schedule.Interval.of(Duration.ofSeconds(1));
    var batch = new ArrayList<JobDefinition>();
    for (int i = 0; i < HTTP_JOBS + KAFKA_JOBS; i++) {
      var definitionTarget =
          i < HTTP_JOBS
              ? HttpTarget.post(target)
              : KafkaTarget.of(TOPIC, Json.MAPPER.createObjectNode().put("n", i));
      batch.add(job("training-batch-" + i, every, definitionTarget));
      if (batch.size() == 500) {
        client.createAll(batch);
        batch.clear();
      }
    }
    inParallel(
        IntStream.range(0, SINGLE_CREATES)
            .mapToObj(i -> job("training-single-" + i, every, HttpTarget.post(target)))
            .toList(),
        client::create);
    try (var producer =
        new JobsTopicProducer(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG,
                20),
            Topics.DEFAULT)) {
      for (int i = 0; i < PRODUCED_JOBS; i++) {
        producer.publish(
            job(
                "training-produced-" + i,
                every,
                KafkaTarget.of(TOPIC, Json.MAPPER.createObjectNode().put("n", i))));
      }
      producer.flush();
    }
    var ids = new ArrayList<String>();
    IntStream.range(0, SINGLE_CREATES).forEach(i -> ids.add("training-single-" + i));
    IntStream.range(0, HTTP_JOBS + KAFKA_JOBS).forEach(i -> ids.add("training-batch-" + i));
    IntStream.range(0, PRODUCED_JOBS).forEach(i -> ids.add("training-produced-" + i));
    return ids;
  }

  private static void delete(PunctualClient client, List<String> ids) throws InterruptedException {
    inParallel(ids, client::delete);
  }

  /**
   * Calls {@code call} on every item from 8 threads, as concurrent clients would; any failure ends
   * the training.
   */
  private static <T> void inParallel(List<T> items, java.util.function.Consumer<T> call)
      throws InterruptedException {
    try (var pool = Executors.newFixedThreadPool(8)) {
      var done = new ArrayList<Future<?>>();
      items.forEach(item -> done.add(pool.submit(() -> call.accept(item))));
      for (var future : done) {
        try {
          future.get();
        } catch (ExecutionException e) {
          throw new IllegalStateException("a training request failed", e.getCause());
        }
      }
    }
  }

  private static JobDefinition job(String id, Schedule schedule, Target target) {
    return JobDefinition.of(id, "AOT training " + id, schedule, target);
  }

  private static HttpServer targetServer(AtomicLong calls) throws IOException {
    var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          calls.incrementAndGet();
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
    return server;
  }

  private static void createTopic(String bootstrapServers) {
    try (var admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin
          .createTopics(List.of(new NewTopic(TOPIC, Optional.of(6), Optional.empty())))
          .all()
          .get(60, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create " + TOPIC, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted creating " + TOPIC, e);
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }
}
