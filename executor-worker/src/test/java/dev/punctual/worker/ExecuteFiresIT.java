package dev.punctual.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.punctual.embedded.EmbeddedKafka;
import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.ExecutionStatus;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.event.RecordHeaders;
import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.job.KafkaTarget;
import dev.punctual.model.json.Json;
import dev.punctual.model.topic.Topics;
import dev.punctual.worker.execution.WorkerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The worker application against a real broker: fires in, calls and target records out, results and
 * dead letters committed, read back with {@code read_committed} consumers.
 */
class ExecuteFiresIT {

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  private static EmbeddedKafka kafka;
  private static HttpServer endpoint;
  private static final ConcurrentLinkedQueue<Map<String, List<String>>> calls =
      new ConcurrentLinkedQueue<>();
  private static final AtomicInteger concurrentSlowCalls = new AtomicInteger();
  private static final AtomicInteger maxConcurrentSlowCalls = new AtomicInteger();
  private static final CountDownLatch releaseSlowCalls = new CountDownLatch(1);

  @BeforeAll
  static void start() throws IOException {
    kafka = EmbeddedKafka.startForTests();
    endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    endpoint.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    endpoint.createContext("/ok", exchange -> record(exchange, 200, "done"));
    endpoint.createContext("/down", exchange -> record(exchange, 503, "maintenance"));
    endpoint.createContext("/slow", ExecuteFiresIT::answerSlowly);
    endpoint.start();
  }

  @AfterAll
  static void stop() {
    releaseSlowCalls.countDown();
    if (endpoint != null) {
      endpoint.stop(0);
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void executesEachFireCommitsOneResultEachAndDeadLettersWhatItCannotRead() throws Exception {
    var topics = new Topics("it1.");
    kafka.createTopics(topics.newTopics(3, (short) 1));
    kafka.createTopics(List.of(new NewTopic("it1.orders", 2, (short) 1)));
    var ok1 = Fires.aFire("job-a", HttpTarget.post(url("/ok")));
    var ok2 = Fires.aFire("job-b", HttpTarget.post(url("/ok")));
    var down = Fires.aFire("job-c", HttpTarget.post(url("/down")));
    var toKafka =
        Fires.aFire(
            "job-d",
            new KafkaTarget(
                "it1.orders",
                "order-7",
                Map.of("source", "it"),
                JsonNodeFactory.instance.objectNode().put("orderId", 7)));
    var toMissingTopic =
        Fires.aFire("job-e", KafkaTarget.of("it1.missing", JsonNodeFactory.instance.nullNode()));
    var afterMalformed =
        Fires.aFire("job-bad", HttpTarget.post(url("/ok")), Fires.SCHEDULED_AT.plusSeconds(60));

    RecordMetadata malformed;
    try (var producer = byteProducer()) {
      for (var fire : List.of(ok1, ok2, down, toKafka, toMissingTopic)) {
        producer.send(fireRecord(topics, fire));
      }
      malformed =
          producer
              .send(new ProducerRecord<>(topics.fires().name(), bytes("job-bad"), bytes("{oops")))
              .get();
      producer.send(fireRecord(topics, afterMalformed)).get();
    }

    try (var worker = startWorker(topics, "it-worker-1", 1000)) {
      var expected =
          List.of(ok1, ok2, down, toKafka, toMissingTopic, afterMalformed).stream()
              .map(JobFired::fireId)
              .toList();
      var results = new ArrayList<ExecutionFinished>();
      try (var consumer = readCommitted()) {
        consumer.subscribe(List.of(topics.results().name()));
        await()
            .atMost(DEADLINE)
            .until(
                () -> {
                  consumer
                      .poll(Duration.ofMillis(200))
                      .forEach(r -> results.add(result(topics, r)));
                  return results.stream().map(ExecutionFinished::fireId).toList();
                },
                ids -> ids.containsAll(expected));
      }

      var byFire = results.stream().collect(Collectors.groupingBy(ExecutionFinished::fireId));
      assertThat(byFire.values()).allSatisfy(attempts -> assertThat(attempts).hasSize(1));
      assertThat(status(byFire, ok1)).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(status(byFire, ok2)).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(status(byFire, afterMalformed)).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(status(byFire, toKafka)).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(byFire.get(down.fireId()).getFirst().error()).isEqualTo("HTTP 503: maintenance");
      assertThat(byFire.get(toMissingTopic.fireId()).getFirst().error())
          .isEqualTo("topic it1.missing does not exist");
      assertThat(results).allSatisfy(r -> assertThat(r.workerId()).isEqualTo("it-worker-1"));
      assertThat(results)
          .allSatisfy(r -> assertThat(r.finishedAt()).isAfterOrEqualTo(r.startedAt()));

      // Each HTTP fire was called with its fire id as the idempotency key.
      assertThat(calls)
          .extracting(headers -> headers.get("Idempotency-key").getFirst())
          .containsExactlyInAnyOrder(
              ok1.fireId(), ok2.fireId(), down.fireId(), afterMalformed.fireId());

      // The Kafka target's record: once, with the fire headers, committed with its result.
      var targetRecords = readAll("it1.orders", 1);
      assertThat(targetRecords).hasSize(1);
      var written = targetRecords.getFirst();
      assertThat(text(written.key())).isEqualTo("order-7");
      assertThat(text(written.value())).isEqualTo("{\"orderId\":7}");
      assertThat(header(written, "source")).isEqualTo("it");
      assertThat(header(written, RecordHeaders.FIRE_ID)).isEqualTo(toKafka.fireId());
      assertThat(header(written, RecordHeaders.JOB_ID)).isEqualTo("job-d");
      assertThat(header(written, RecordHeaders.SCHEDULED_AT)).isEqualTo("2027-03-13T07:30:00Z");

      // The malformed record: dead-lettered with its bytes and where it came from.
      var deadLetters = readAll(topics.deadLetter().name(), 1);
      assertThat(deadLetters).hasSize(1);
      var deadLetter = deadLetters.getFirst();
      assertThat(text(deadLetter.key())).isEqualTo("job-bad");
      assertThat(text(deadLetter.value())).isEqualTo("{oops");
      assertThat(header(deadLetter, RecordHeaders.ERROR)).startsWith("not a valid fire event: ");
      assertThat(header(deadLetter, RecordHeaders.SOURCE_TOPIC)).isEqualTo("it1.fires");
      assertThat(header(deadLetter, RecordHeaders.SOURCE_PARTITION))
          .isEqualTo(String.valueOf(malformed.partition()));
      assertThat(header(deadLetter, RecordHeaders.SOURCE_OFFSET))
          .isEqualTo(String.valueOf(malformed.offset()));

      // Metrics and the actuator endpoints are wired.
      var registry = worker.getBean(MeterRegistry.class);
      assertThat(
              registry
                  .get(WorkerMetrics.EXECUTIONS)
                  .tag("target", "http")
                  .tag("status", "SUCCEEDED")
                  .counter()
                  .count())
          .isEqualTo(3.0);
      assertThat(registry.get(WorkerMetrics.DEAD_LETTERED).counter().count()).isEqualTo(1.0);
      var port = ((WebServerApplicationContext) worker).getWebServer().getPort();
      assertThat(get(port, "/actuator/health/readiness")).contains("\"UP\"");
      assertThat(get(port, "/actuator/prometheus")).contains("punctual_worker_executions_total");
    }
  }

  @Test
  void pausesConsumingWhileTheConcurrencyLimitIsReached() throws Exception {
    var topics = new Topics("it2.");
    kafka.createTopics(topics.newTopics(3, (short) 1));
    var fires = new ArrayList<JobFired>();
    for (int i = 0; i < 12; i++) {
      fires.add(Fires.aFire("slow-" + i, HttpTarget.post(url("/slow"))));
    }
    try (var producer = byteProducer()) {
      fires.forEach(fire -> producer.send(fireRecord(topics, fire)));
    }

    try (var worker = startWorker(topics, "it-worker-2", 3)) {
      await().atMost(DEADLINE).until(() -> concurrentSlowCalls.get() == 3);
      var metrics = worker.getBean(MeterRegistry.class);
      assertThat(metrics.get(WorkerMetrics.IN_FLIGHT).gauge().value()).isEqualTo(3.0);
      releaseSlowCalls.countDown();

      var results = new ArrayList<ExecutionFinished>();
      try (var consumer = readCommitted()) {
        consumer.subscribe(List.of(topics.results().name()));
        await()
            .atMost(DEADLINE)
            .until(
                () -> {
                  consumer
                      .poll(Duration.ofMillis(200))
                      .forEach(r -> results.add(result(topics, r)));
                  return results.size();
                },
                count -> count >= fires.size());
      }
      assertThat(results)
          .extracting(ExecutionFinished::status)
          .containsOnly(ExecutionStatus.SUCCEEDED);
      assertThat(results).extracting(ExecutionFinished::fireId).doesNotHaveDuplicates();
      assertThat(maxConcurrentSlowCalls.get()).isEqualTo(3);
    }
  }

  private static ConfigurableApplicationContext startWorker(
      Topics topics, String workerId, int maxConcurrent) {
    return WorkerApplication.builder()
        .run(
            "--server.port=0",
            "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
            "--punctual.worker.topic-prefix=" + topics.prefix(),
            "--punctual.worker.group-id=" + topics.prefix() + "workers",
            "--punctual.worker.worker-id=" + workerId,
            "--punctual.worker.max-concurrent-executions=" + maxConcurrent,
            "--punctual.worker.shutdown-grace-period=PT2S",
            // The test's endpoint listens on loopback, which the worker refuses by default.
            "--punctual.worker.allowed-cidrs=127.0.0.0/8,::1/128");
  }

  private static void record(HttpExchange exchange, int status, String body) throws IOException {
    calls.add(Map.copyOf(exchange.getRequestHeaders()));
    answer(exchange, status, body);
  }

  private static void answerSlowly(HttpExchange exchange) throws IOException {
    int now = concurrentSlowCalls.incrementAndGet();
    maxConcurrentSlowCalls.accumulateAndGet(now, Math::max);
    try {
      // The endpoint holds its answers until the test has seen the concurrency limit.
      releaseSlowCalls.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      concurrentSlowCalls.decrementAndGet();
    }
    answer(exchange, 200, "slow but fine");
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    exchange.getRequestBody().readAllBytes();
    var bytes = bytes(body);
    exchange.sendResponseHeaders(status, bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + endpoint.getAddress().getPort() + path;
  }

  private static ProducerRecord<byte[], byte[]> fireRecord(Topics topics, JobFired fire) {
    return new ProducerRecord<>(topics.fires().name(), bytes(fire.jobId()), Json.toBytes(fire));
  }

  private static KafkaProducer<byte[], byte[]> byteProducer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
  }

  private static KafkaConsumer<byte[], byte[]> readCommitted() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "it-reader-" + System.nanoTime(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class));
  }

  /**
   * Every committed record of {@code topic}, read until at least {@code atLeast} arrived and one
   * more poll found nothing further.
   */
  private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int atLeast) {
    var records = new ArrayList<ConsumerRecord<byte[], byte[]>>();
    try (var consumer = readCommitted()) {
      consumer.subscribe(List.of(topic));
      await()
          .atMost(DEADLINE)
          .until(
              () -> {
                var polled = consumer.poll(Duration.ofMillis(500));
                polled.forEach(records::add);
                return records.size() >= atLeast && polled.isEmpty();
              });
    }
    return records;
  }

  private static ExecutionFinished result(Topics topics, ConsumerRecord<byte[], byte[]> record) {
    return topics.results().valueSerde().deserializer().deserialize(record.topic(), record.value());
  }

  private static ExecutionStatus status(
      Map<String, List<ExecutionFinished>> byFire, JobFired fire) {
    return byFire.get(fire.fireId()).getFirst().status();
  }

  private static String get(int port, String path) throws Exception {
    try (var client = HttpClient.newHttpClient()) {
      return client
          .send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : text(header.value());
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
