package dev.punctual.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.punctual.embedded.TopicReader;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.event.MissedOccurrences;
import dev.punctual.model.schedule.MisfirePolicy;
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
 * A job every second whose scheduler is stopped for several seconds, far less than the 60 s misfire
 * threshold, misfires when the scheduler comes back: under {@code FIRE_ONCE} one catch-up fire
 * stands for the missed occurrences, and one record on {@code scheduler.missed} tells of them, read
 * here with a real consumer. A system of its own, since the scheduler is stopped.
 */
class MissedOccurrencesEndToEndIT {

  private static final Topics TOPICS = Topics.DEFAULT;
  private static final Duration DOWNTIME = Duration.ofSeconds(4);
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  private static PunctualSystem system;
  private static TargetServer target;

  @BeforeAll
  static void start() throws IOException {
    system =
        PunctualSystem.start(
            StandaloneProperties.forTests(Files.createTempDirectory("punctual-missed-it-")),
            List.of());
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
  void aStoppedSchedulerReportsTheMissedOccurrencesOfAShortIntervalJobOnTheMissedTopic() {
    // given a job every second that has fired
    var id = "missed-" + UUID.randomUUID();
    var definition =
        """
        {"id":"%s","schedule":{"every":"PT1S","misfirePolicy":"FIRE_ONCE"},
         "target":{"type":"http","method":"POST","url":"%s"}}
        """
            .formatted(id, target.url("/missed/" + id));
    DirectProducer.send(
        system, TOPICS.jobs().name(), id, definition.getBytes(StandardCharsets.UTF_8));
    try (var fires = new TopicReader(system.kafkaBootstrapServers(), TOPICS.fires().name());
        var missed = new TopicReader(system.kafkaBootstrapServers(), TOPICS.missed().name())) {
      var seen = new ArrayList<JobFired>();
      await("two fires of " + id).atMost(DEADLINE).until(() -> read(fires, id, seen).size() >= 2);

      // when the scheduler is down for several of its intervals; the outage itself is the
      // scenario, so this wait is its length, not a guess at when an outcome arrives
      system.restartScheduler(
          () ->
              await("the outage")
                  .pollDelay(DOWNTIME)
                  .atMost(DOWNTIME.plusSeconds(5))
                  .until(() -> true));

      // then one MISFIRE record tells of the missed occurrences
      var records = new ArrayList<MissedOccurrences>();
      await("a record on " + TOPICS.missed().name())
          .atMost(DEADLINE)
          .until(
              () -> {
                for (var record : missed.next(Duration.ofMillis(200))) {
                  if (id.equals(record.key())) {
                    records.add(
                        TOPICS
                            .missed()
                            .valueSerde()
                            .deserializer()
                            .deserialize("", record.value()));
                  }
                }
                return !records.isEmpty();
              });
      var episode = records.getFirst();
      assertThat(episode.jobId()).isEqualTo(id);
      assertThat(episode.reason()).isEqualTo(MissedOccurrences.Reason.MISFIRE);
      assertThat(episode.policy()).isEqualTo(MisfirePolicy.FIRE_ONCE.name());
      assertThat(episode.count()).isGreaterThanOrEqualTo(DOWNTIME.toSeconds() - 1);
      assertThat(Duration.between(episode.from(), episode.to()))
          .isEqualTo(Duration.ofSeconds(episode.count() - 1));
      assertThat(episode.firedScheduledAt()).isEqualTo(episode.to());
      assertThat(episode.detectedAt()).isAfterOrEqualTo(episode.to());

      // and the one catch-up fire that stands for them
      await("the catch-up fire")
          .atMost(DEADLINE)
          .until(
              () ->
                  read(fires, id, seen).stream()
                      .anyMatch(fire -> fire.scheduledAt().equals(episode.to())));
      assertThat(seen)
          .filteredOn(fire -> fire.scheduledAt().equals(episode.to()))
          .singleElement()
          .satisfies(fire -> assertThat(fire.missed()).isEqualTo(episode.count()));
      assertThat(seen)
          .as("no missed occurrence fired on its own")
          .noneMatch(
              fire ->
                  fire.scheduledAt().isAfter(episode.from().minusMillis(1))
                      && fire.scheduledAt().isBefore(episode.to()));
    }
  }

  private static List<JobFired> read(TopicReader reader, String id, List<JobFired> seen) {
    for (var record : reader.next(Duration.ofMillis(200))) {
      if (id.equals(record.key())) {
        seen.add(TOPICS.fires().valueSerde().deserializer().deserialize("", record.value()));
      }
    }
    return seen;
  }
}
