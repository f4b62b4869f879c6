package dev.punctual.scheduler.topology;

import static dev.punctual.scheduler.topology.Jobs.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.event.TraceHeaders;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.json.JobDefinitionCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every fire of a job carries the trace headers of the job's current definition record, copied as
 * they are; a definition without them gives fires without them.
 */
class JobTracesTest extends SchedulerDriverTest {

  private static final Instant T0 = Instant.parse("2027-03-13T07:30:00Z");
  private static final String CREATED = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
  private static final String STATE = "vendor=opaque";

  @BeforeEach
  void start() {
    scheduler = new SchedulerDriver(T0, stateDir);
  }

  @Test
  void scheduledAndManualFiresCarryTheDefinitionsTraceHeadersAcrossARestart() {
    var job = aJob("traced").every(Duration.ofSeconds(1)).createdAt(T0).build();
    defineTraced(job, CREATED, STATE);

    scheduler.advance(Duration.ofSeconds(2));
    scheduler.restart();
    scheduler.trigger("traced", "req-1");
    scheduler.advance(Duration.ofSeconds(1));

    assertThat(scheduler.fireRecords())
        .hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(
            record -> {
              assertThat(header(record.headers(), TraceHeaders.TRACEPARENT)).isEqualTo(CREATED);
              assertThat(header(record.headers(), TraceHeaders.TRACESTATE)).isEqualTo(STATE);
            });
  }

  @Test
  void anUpdateWithoutTraceHeadersGivesFiresWithoutThem() {
    var job = aJob("retraced").every(Duration.ofSeconds(1)).createdAt(T0).build();
    defineTraced(job, CREATED, null);
    scheduler.advance(Duration.ofSeconds(1));
    var traced = scheduler.fireRecords().size();

    scheduler.define(job.withLabels(Map.of("version", "2")));
    scheduler.advance(Duration.ofSeconds(2));

    var fires = scheduler.fireRecords();
    assertThat(fires.subList(0, traced))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(header(r.headers(), TraceHeaders.TRACEPARENT)).isNotNull());
    assertThat(fires.subList(traced, fires.size()))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.headers().lastHeader(TraceHeaders.TRACEPARENT)).isNull());
  }

  private void defineTraced(JobDefinition job, String traceparent, @Nullable String tracestate) {
    Headers headers = new RecordHeaders();
    headers.add(TraceHeaders.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
    if (tracestate != null) {
      headers.add(TraceHeaders.TRACESTATE, tracestate.getBytes(StandardCharsets.UTF_8));
    }
    scheduler.pipeRawJob(
        job.id().getBytes(StandardCharsets.UTF_8), JobDefinitionCodec.toBytes(job), headers);
  }

  private static @Nullable String header(Headers headers, String name) {
    var header = headers.lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
