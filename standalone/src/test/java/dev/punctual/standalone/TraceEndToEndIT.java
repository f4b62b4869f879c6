package dev.punctual.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.embedded.TopicReader;
import dev.punctual.model.event.RecordHeaders;
import dev.punctual.model.event.TraceHeaders;
import dev.punctual.model.topic.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A caller's W3C trace context follows a job end to end on the whole system: the request that
 * creates the job sends a known {@code traceparent}, and the same trace id arrives on the job's
 * record, on its fire, at the HTTP target's request, on the Kafka target's record and on the
 * result, each hop a span of its own (a parent other than the caller's). Without an OTLP endpoint
 * nothing exports the spans.
 */
class TraceEndToEndIT {

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final Topics TOPICS = Topics.DEFAULT;

  private static PunctualSystem system;
  private static TargetServer target;
  private final String suffix = UUID.randomUUID().toString();
  private final Random random = new Random(suffix.hashCode());

  @BeforeAll
  static void start() {
    system = SharedSystem.get();
    target = SharedSystem.target();
  }

  @Test
  void theCallersTraceReachesTheHttpTargetAndTheResult() {
    // given a caller's trace context
    var caller = newTraceparent();
    var id = "traced-http-" + suffix;
    var path = "/traced/" + id;
    var job =
        """
        {"id":"%s","schedule":{"every":"PT1S","maxRuns":1},
         "target":{"type":"http","method":"POST","url":"%s"}}
        """
            .formatted(id, target.url(path));

    // when it creates a job that calls an HTTP target
    assertThat(postJob(job, caller).statusCode()).isEqualTo(201);

    // then the target's request is in the caller's trace, below a span of the worker
    var call =
        await()
            .atMost(DEADLINE)
            .until(() -> target.callsTo(path), calls -> !calls.isEmpty())
            .getFirst();
    assertInTraceBelow(caller, call.traceparent());
    // and so are the job's record, its fire and its result
    assertRecordsInTrace(TOPICS.jobs().name(), id, caller);
    assertRecordsInTrace(TOPICS.fires().name(), id, caller);
    var result = assertRecordsInTrace(TOPICS.results().name(), id, caller);
    assertThat(header(result.headers())).isEqualTo(call.traceparent());
  }

  @Test
  void theCallersTraceReachesTheKafkaTargetsRecordAndTheResult() throws Exception {
    // given a caller's trace context and a topic for the target
    var caller = newTraceparent();
    var id = "traced-kafka-" + suffix;
    var topic = "traced-target-" + suffix;
    try (var admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafkaBootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
    var job =
        """
        {"id":"%s","schedule":{"every":"PT1S","maxRuns":1},
         "target":{"type":"kafka","topic":"%s","payload":{"hello":"trace"}}}
        """
            .formatted(id, topic);

    // when it creates a job that writes to the topic
    assertThat(postJob(job, caller).statusCode()).isEqualTo(201);

    // then the target's record and the result are in the caller's trace, below the worker's span
    ConsumerRecord<String, byte[]> written;
    try (var reader = new TopicReader(system.kafkaBootstrapServers(), topic)) {
      written =
          await().atMost(DEADLINE).until(reader::poll, records -> !records.isEmpty()).getFirst();
    }
    assertThat(text(written.headers(), RecordHeaders.JOB_ID)).isEqualTo(id);
    assertInTraceBelow(caller, header(written.headers()));
    var result = assertRecordsInTrace(TOPICS.results().name(), id, caller);
    assertThat(header(result.headers())).isEqualTo(header(written.headers()));
  }

  @Test
  void withoutAnOtlpEndpointNoServiceHasASpanExporterOrAnOtlpMeterRegistry() {
    assumeThat(System.getenv("OTEL_EXPORTER_OTLP_ENDPOINT")).isNull();
    for (var context : List.of(system.api(), system.scheduler(), system.worker())) {
      assertThat(context.getBeansOfType(SpanExporter.class)).isEmpty();
      assertThat(meterRegistries(context))
          .isNotEmpty()
          .noneMatch(name -> name.toLowerCase().contains("otlp"));
    }
  }

  private static List<String> meterRegistries(ConfigurableApplicationContext context) {
    return context.getBeansOfType(MeterRegistry.class).values().stream()
        .map(registry -> registry.getClass().getName())
        .toList();
  }

  /** Every record of the job on the topic is in the caller's trace; the last one. */
  private static ConsumerRecord<String, byte[]> assertRecordsInTrace(
      String topic, String jobId, String caller) {
    try (var reader = new TopicReader(system.kafkaBootstrapServers(), topic)) {
      var records =
          await().atMost(DEADLINE).until(() -> reader.recordsOf(jobId), found -> !found.isEmpty());
      assertThat(records)
          .as("records of %s on %s", jobId, topic)
          .allSatisfy(record -> assertInTraceBelow(caller, header(record.headers())));
      return records.getLast();
    }
  }

  /** {@code traceparent} has the caller's trace id and a parent span of its own. */
  private static void assertInTraceBelow(String caller, @Nullable String traceparent) {
    assertThat(traceparent).as("traceparent").isNotNull();
    var expected = spanContext(caller);
    var actual = spanContext(traceparent);
    assertThat(actual.isValid()).as("a valid traceparent: %s", traceparent).isTrue();
    assertThat(actual.getTraceId()).isEqualTo(expected.getTraceId());
    assertThat(actual.getSpanId()).isNotEqualTo(expected.getSpanId());
  }

  /** The span context a traceparent names, read by OpenTelemetry's W3C propagator. */
  private static SpanContext spanContext(String traceparent) {
    var context =
        W3CTraceContextPropagator.getInstance()
            .extract(
                Context.root(),
                Map.of(TraceHeaders.TRACEPARENT, traceparent),
                new TextMapGetter<Map<String, String>>() {
                  @Override
                  public Iterable<String> keys(Map<String, String> carrier) {
                    return carrier.keySet();
                  }

                  @Override
                  public @Nullable String get(@Nullable Map<String, String> carrier, String key) {
                    return carrier == null ? null : carrier.get(key);
                  }
                });
    return Span.fromContext(context).getSpanContext();
  }

  /** A new caller's {@code traceparent} (sampled), written by OpenTelemetry's W3C propagator. */
  private String newTraceparent() {
    var traceId = new byte[16];
    var spanId = new byte[8];
    random.nextBytes(traceId);
    random.nextBytes(spanId);
    var caller =
        SpanContext.create(
            HexFormat.of().formatHex(traceId),
            HexFormat.of().formatHex(spanId),
            TraceFlags.getSampled(),
            TraceState.getDefault());
    var headers = new HashMap<String, String>();
    W3CTraceContextPropagator.getInstance()
        .inject(Context.root().with(Span.wrap(caller)), headers, Map::put);
    return headers.get(TraceHeaders.TRACEPARENT);
  }

  private static HttpResponse<String> postJob(String json, String traceparent) {
    var request =
        HttpRequest.newBuilder(URI.create(system.apiUrl() + "/jobs"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header(TraceHeaders.TRACEPARENT, traceparent)
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
            .build();
    try (var http = HttpClient.newHttpClient()) {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException("POST /jobs failed", e);
    }
  }

  private static @Nullable String header(Headers headers) {
    return text(headers, TraceHeaders.TRACEPARENT);
  }

  private static @Nullable String text(Headers headers, String name) {
    var header = headers.lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
