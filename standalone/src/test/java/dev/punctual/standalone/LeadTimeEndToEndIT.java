package dev.punctual.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.embedded.TopicReader;
import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.ExecutionStatus;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.topic.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With a lead time L the scheduler emits fires up to L before they are due and the worker holds
 * them: no execution starts before its {@code dueAt}, and no fire is emitted more than L before it.
 * A system of its own, since the shared one runs without a lead time.
 */
class LeadTimeEndToEndIT {

  private static final Topics TOPICS = Topics.DEFAULT;
  private static final Duration LEAD = Duration.ofSeconds(1);
  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private static final int JOBS = 5;
  private static final int RUNS = 3;

  private static PunctualSystem system;
  private static TargetServer target;

  @BeforeAll
  static void start() throws IOException {
    system =
        PunctualSystem.start(
            StandaloneProperties.forTests(Files.createTempDirectory("punctual-lead-time-it-")),
            List.of("--punctual.scheduler.lead-time=" + LEAD));
    target = new TargetServer();
  }

  @AfterAll
  static void stop() {
    if (system != null) {
      system.close();
    }
    if (target != null) {
      target.close();
    }
  }

  @Test
  void nothingStartsBeforeItIsDueAndNoFireLeadsByMoreThanTheLeadTime() {
    // given jobs every second, produced straight onto the jobs topic
    var prefix = "lead-" + UUID.randomUUID() + "-";
    for (int i = 0; i < JOBS; i++) {
      var id = prefix + i;
      var definition =
          """
          {"id":"%s","schedule":{"every":"PT1S","maxRuns":%d},
           "target":{"type":"http","method":"POST","url":"%s"}}
          """
              .formatted(id, RUNS, target.url("/lead/" + id));
      DirectProducer.send(
          system, TOPICS.jobs().name(), id, definition.getBytes(StandardCharsets.UTF_8));
    }

    // when every run has a result
    var results = read(TOPICS.results().name(), prefix, JOBS * RUNS, this::result);
    var fires = read(TOPICS.fires().name(), prefix, JOBS * RUNS, this::fire);

    // then no execution started before its fire was due
    assertThat(results)
        .allSatisfy(
            result -> {
              assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
              assertThat(result.startedAt()).as(result.fireId()).isAfterOrEqualTo(result.dueAt());
            });
    // and no fire was emitted more than the lead time before it was due; some were emitted
    // before, which shows the lead time is in use
    assertThat(fires)
        .allSatisfy(
            fire ->
                assertThat(fire.firedAt())
                    .as(fire.fireId())
                    .isAfterOrEqualTo(fire.dueAt().minus(LEAD)));
    assertThat(fires).anySatisfy(fire -> assertThat(fire.firedAt()).isBefore(fire.dueAt()));
  }

  private <T> List<T> read(
      String topic, String keyPrefix, int count, java.util.function.Function<byte[], T> parse) {
    var values = new ArrayList<T>();
    try (var reader = new TopicReader(system.kafkaBootstrapServers(), topic)) {
      await()
          .atMost(DEADLINE)
          .until(
              () -> {
                for (var record : reader.next(Duration.ofMillis(200))) {
                  if (record.key() != null && record.key().startsWith(keyPrefix)) {
                    values.add(parse.apply(record.value()));
                  }
                }
                return values.size() >= count;
              });
    }
    return values;
  }

  private ExecutionFinished result(byte[] value) {
    return TOPICS.results().valueSerde().deserializer().deserialize("", value);
  }

  private JobFired fire(byte[] value) {
    return TOPICS.fires().valueSerde().deserializer().deserialize("", value);
  }
}
