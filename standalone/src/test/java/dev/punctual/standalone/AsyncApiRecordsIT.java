package dev.punctual.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.punctual.api.asyncapi.AsyncApiDocument;
import dev.punctual.embedded.TopicReader;
import dev.punctual.model.topic.Topics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The records the services really write match the AsyncAPI document of the repository. Jobs are
 * created through the API (an HTTP job that is triggered, a cron job that is backfilled, a Kafka
 * job, a job that skips overlapping occurrences of a slow target, a job whose target fails without
 * retries, a job that is deleted) and a definition the scheduler must dead-letter is produced
 * directly; then every record of these jobs on every topic is read with a real consumer and checked
 * against its channel's messages: payload schema, header schema, key schema.
 */
class AsyncApiRecordsIT {

  private static final Topics TOPICS = Topics.DEFAULT;
  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private static final Duration SLOW = Duration.ofSeconds(2);

  private static PunctualSystem system;
  private static HttpServer targets;

  @BeforeAll
  static void start() throws IOException {
    system = SharedSystem.get();
    targets = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    targets.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    targets.createContext(
        "/slow",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          try {
            // the slow target itself: its work takes this long, so occurrences overlap
            Thread.sleep(SLOW);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    targets.createContext("/fail", answering(500));
    targets.createContext("/ok", answering(200));
    targets.start();
  }

  private static HttpHandler answering(int status) {
    return exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    };
  }

  @AfterAll
  static void stop() {
    if (targets != null) {
      targets.stop(0);
    }
  }

  @Test
  void everyChannelIsATopicAndEveryTopicAChannel() {
    var contract = new AsyncApiContract(AsyncApiDocument.load());

    for (var topic : TOPICS.all()) {
      assertThat(contract.channel(topic)).as("the channel of %s", topic).isPresent();
    }
  }

  @Test
  void everyRecordTheServicesWriteMatchesItsMessageInTheAsyncApiDocument() throws Exception {
    var run = UUID.randomUUID().toString().substring(0, 8);
    var http = "asyncapi-http-" + run;
    var kafka = "asyncapi-kafka-" + run;
    var overlap = "asyncapi-overlap-" + run;
    var failing = "asyncapi-failing-" + run;
    var deleted = "asyncapi-deleted-" + run;
    var cron = "asyncapi-cron-" + run;
    var invalid = "asyncapi-invalid-" + run;
    var targetTopic = "asyncapi-target-" + run;
    createTopic(targetTopic);

    // given jobs of every kind, created as a client creates them
    create(http, "{\"every\":\"PT1S\"}", httpTarget("/ok"), null);
    create(kafka, "{\"every\":\"PT1S\"}", kafkaTarget(targetTopic), null);
    create(overlap, "{\"every\":\"PT1S\",\"overlapPolicy\":\"SKIP\"}", httpTarget("/slow"), null);
    create(
        failing,
        "{\"every\":\"PT1H\"}",
        httpTarget("/fail"),
        "{\"maxAttempts\":1,\"initialBackoff\":\"PT1S\",\"multiplier\":1.0,\"maxBackoff\":\"PT1S\"}");
    create(deleted, "{\"every\":\"PT1H\"}", httpTarget("/ok"), null);
    create(
        cron, "{\"cron\":\"0 0 1 1 *\",\"timeZone\":\"Europe/Berlin\"}", httpTarget("/ok"), null);
    answers(202, "POST", "/jobs/" + failing + "/trigger", null);
    answers(202, "POST", "/jobs/" + http + "/trigger", "{}");
    var lastYear = Instant.now().atZone(ZoneOffset.UTC).getYear() - 1;
    var backfill =
        "{\"from\":\"%d-01-01T00:00:00Z\",\"to\":\"%d-01-01T00:00:00Z\"}"
            .formatted(lastYear - 1, lastYear + 1);
    answers(202, "POST", "/jobs/" + cron + "/backfill", backfill);
    answers(204, "DELETE", "/jobs/" + deleted, null);
    // a re-sync republishes the definitions with their run progress
    answers(200, "POST", "/admin/resync/topic", null);
    // and a definition produced straight onto the topic that the scheduler must dead-letter
    DirectProducer.send(
        system,
        TOPICS.jobs().name(),
        invalid,
        ("{\"id\":\"" + invalid + "\",\"schedule\":{\"every\":\"soon\"}}")
            .getBytes(StandardCharsets.UTF_8));

    // when every topic holds what these jobs make the services write
    var keys = Set.of(http, kafka, overlap, failing, deleted, cron, invalid);
    var readers = new LinkedHashMap<String, TopicReader>();
    try {
      for (var topic : TOPICS.all()) {
        readers.put(topic, new TopicReader(system.kafkaBootstrapServers(), topic));
      }
      Map<String, List<ConsumerRecord<String, byte[]>>> written =
          await("records of every kind on every topic")
              .atMost(DEADLINE)
              .until(() -> written(readers, keys), AsyncApiRecordsIT::complete);
      written
          .get(TOPICS.jobs().name())
          .removeIf(record -> record.key().equals(invalid)); // not written by a service

      // then each matches one of its channel's messages
      var contract = new AsyncApiContract(AsyncApiDocument.load());
      var mismatches = new ArrayList<String>();
      var checked = 0;
      for (var records : written.values()) {
        for (var record : records) {
          checked++;
          var problems = contract.problems(record);
          if (!problems.isEmpty()) {
            mismatches.add(
                record.topic() + "@" + record.offset() + " (" + record.key() + "): " + problems);
          }
        }
      }
      assertThat(mismatches).as("records that do not match the AsyncAPI document").isEmpty();
      assertThat(checked).isGreaterThanOrEqualTo(TOPICS.all().size());
    } finally {
      readers.values().forEach(TopicReader::close);
      ApiCalls.send(system, "DELETE", "/jobs/" + overlap, null);
      ApiCalls.send(system, "DELETE", "/jobs/" + http, null);
      ApiCalls.send(system, "DELETE", "/jobs/" + kafka, null);
      ApiCalls.send(system, "DELETE", "/jobs/" + cron, null);
    }
  }

  /** The records of the jobs {@code keys} read so far, per topic. */
  private static Map<String, List<ConsumerRecord<String, byte[]>>> written(
      Map<String, TopicReader> readers, Set<String> keys) {
    var written = new LinkedHashMap<String, List<ConsumerRecord<String, byte[]>>>();
    readers.forEach(
        (topic, reader) ->
            written.put(
                topic,
                new ArrayList<>(
                    reader.poll().stream().filter(r -> keys.contains(r.key())).toList())));
    return written;
  }

  /**
   * Whether every kind of record has arrived: definitions (one republished with its progress) and a
   * tombstone, both commands, fires and results of both kinds of target, a skipped overlap, and the
   * dead letters of the invalid definition and of the fire that failed.
   */
  private static boolean complete(Map<String, List<ConsumerRecord<String, byte[]>>> written) {
    var jobs = written.get(TOPICS.jobs().name());
    var commands = written.get(TOPICS.commands().name());
    var fires = written.get(TOPICS.fires().name());
    var results = written.get(TOPICS.results().name());
    return jobs.stream().filter(r -> r.value() == null).count() >= 1
        && jobs.stream().anyMatch(AsyncApiRecordsIT::carriesProgress)
        && jobs.size() >= 7
        && commands.size() >= 3
        && keysOf(fires).containsAll(List.of("http", "kafka", "overlap", "failing", "cron"))
        && keysOf(results).containsAll(List.of("http", "kafka", "overlap", "failing"))
        && !written.get(TOPICS.missed().name()).isEmpty()
        && keysOf(written.get(TOPICS.deadLetter().name()))
            .containsAll(List.of("failing", "invalid"));
  }

  private static boolean carriesProgress(ConsumerRecord<String, byte[]> record) {
    return record.value() != null
        && new String(record.value(), StandardCharsets.UTF_8).contains("\"progress\"");
  }

  /** The kinds of job ({@code asyncapi-<kind>-<run>}) among the records' keys. */
  private static Set<String> keysOf(List<ConsumerRecord<String, byte[]>> records) {
    return Set.copyOf(records.stream().map(r -> r.key().split("-")[1]).toList());
  }

  private static void create(String id, String schedule, String target, String retry) {
    var body =
        "{\"id\":\"%s\",\"schedule\":%s,\"target\":%s%s}"
            .formatted(id, schedule, target, retry == null ? "" : ",\"retry\":" + retry);
    answers(201, "POST", "/jobs", body);
  }

  private static void answers(int status, String method, String path, String body) {
    var answer = ApiCalls.send(system, method, path, body);
    assertThat(answer.statusCode()).as("%s %s: %s", method, path, answer.body()).isEqualTo(status);
  }

  private static String httpTarget(String path) {
    return "{\"type\":\"http\",\"url\":\"http://127.0.0.1:%d%s\",\"timeout\":\"PT10S\"}"
        .formatted(targets.getAddress().getPort(), path);
  }

  private static String kafkaTarget(String topic) {
    return "{\"type\":\"kafka\",\"topic\":\"%s\",\"key\":\"{{job.id}}\",\"payload\":{\"run\":\"{{fire.id}}\"}}"
        .formatted(topic);
  }

  private static void createTopic(String topic) throws ExecutionException, InterruptedException {
    try (var admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafkaBootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
  }
}
