package dev.punctual.scheduler.timer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.job.JobStatus;
import dev.punctual.model.json.Json;
import dev.punctual.model.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class JobStateSerdeTest {

  private static final JobDefinition JOB =
      new JobDefinition(
          "report",
          "Nightly",
          Schedule.Interval.of(Duration.ofSeconds(10)),
          HttpTarget.post("https://example.com/run"),
          JsonNodeFactory.instance.objectNode().put("region", "eu"),
          null,
          false,
          3L,
          Instant.parse("2027-01-01T00:00:00Z"),
          Instant.parse("2027-01-02T00:00:00Z"));

  private final DefinitionCache cache = new DefinitionCache(10);
  private final JobStateSerde serde = new JobStateSerde(cache);

  @Test
  void anActiveJobWithRetriesAndHandledAttemptsSurvivesTheRoundTrip() {
    var state =
        new JobState(
            JOB,
            Instant.parse("2027-01-01T00:00:00.250Z"),
            42,
            Instant.parse("2027-01-05T10:00:00Z"),
            Instant.parse("2027-01-05T10:00:10Z"),
            JobStatus.ACTIVE,
            List.of(
                new PendingRetry(
                    "report@1",
                    Instant.parse("2027-01-05T09:00:00Z"),
                    2,
                    Instant.parse("2027-01-05T09:00:01.500Z"))),
            List.of(new HandledAttempt("report@1", 1), new HandledAttempt("réport@2", 3)));

    var read = serde.deserialize("t", serde.serialize("t", state));

    assertThat(read).isEqualTo(state);
  }

  @Test
  void anOpenFireWithABufferedOccurrenceSurvivesTheRoundTrip() {
    var open =
        new OpenFire(
            "report@1",
            Instant.parse("2027-01-05T10:02:33Z"),
            Instant.parse("2027-01-05T10:00:10Z"));
    var state =
        JobState.unscheduled(JOB, Instant.parse("2027-01-01T00:00:00Z"))
            .scheduledFor(Instant.parse("2027-01-05T10:00:20Z"))
            .withOpen(open);

    var read = serde.deserialize("t", serde.serialize("t", state));

    assertThat(read).isEqualTo(state);
    assertThat(read.timers())
        .contains(TimerKey.release(Instant.parse("2027-01-05T10:02:33Z"), "report"));
    var unbuffered = state.withOpen(new OpenFire("report@1", open.finishBy(), null));
    assertThat(serde.deserialize("t", serde.serialize("t", unbuffered))).isEqualTo(unbuffered);
  }

  @Test
  void stateWrittenByVersionOneWithoutAnOpenFireIsStillRead() {
    var state =
        JobState.unscheduled(JOB, Instant.parse("2027-01-01T00:00:00Z"))
            .scheduledFor(Instant.parse("2027-01-05T10:00:20Z"))
            .withHandled("report@1", 2);
    var current = serde.serialize("t", state);
    // version 1 is version 2 without the trailing open-fire byte
    var versionOne = java.util.Arrays.copyOf(current, current.length - 1);
    versionOne[0] = 1;

    assertThat(serde.deserialize("t", versionOne)).isEqualTo(state);
  }

  @Test
  void manualParametersTrailAVersionTwoValueSoThatThePreviousReleaseStillReadsIt() {
    var factory = JsonNodeFactory.instance;
    var state =
        JobState.unscheduled(JOB, Instant.parse("2027-01-01T00:00:00Z"))
            .scheduledFor(Instant.parse("2027-01-05T10:00:20Z"))
            .withOpen(new OpenFire("report@1", Instant.parse("2027-01-05T10:02:33Z"), null))
            .withManualParameters("report@manual:r1", factory.objectNode().put("region", "us"))
            .withManualParameters(
                "report@manual:r2",
                factory.objectNode().put("n", 3).set("o", factory.arrayNode().add("é")));

    var bytes = serde.serialize("t", state);
    var read = serde.deserialize("t", bytes);

    assertThat(read).isEqualTo(state);
    assertThat(read.manualParameters("report@manual:r2").get("o").get(0).asString()).isEqualTo("é");
    // The previous release reads a version 2 value up to its open fire and ignores what follows.
    var withoutManual =
        serde.serialize(
            "t",
            state
                .withoutManualParameters("report@manual:r1")
                .withoutManualParameters("report@manual:r2"));
    assertThat(bytes[0]).isEqualTo((byte) 2);
    assertThat(java.util.Arrays.copyOf(bytes, withoutManual.length)).isEqualTo(withoutManual);
    assertThat(serde.deserialize("t", withoutManual).manual()).isEmpty();
  }

  @Test
  void aCompletedJobWithoutOccurrencesSurvivesTheRoundTrip() {
    var state = JobState.unscheduled(JOB, Instant.parse("2027-01-01T00:00:00Z"));

    assertThat(serde.deserialize("t", serde.serialize("t", state))).isEqualTo(state);
  }

  @Test
  void theDefinitionIsParsedOnceAndReusedWhileItsBytesAreUnchanged() {
    var state = JobState.unscheduled(JOB, Instant.parse("2027-01-01T00:00:00Z"));
    var bytes = serde.serialize("t", state);

    var first = serde.deserialize("t", bytes);
    var second = serde.deserialize("t", bytes.clone());

    assertThat(second.definition()).isSameAs(first.definition());
    assertThat(serde.serialize("t", second)).isEqualTo(bytes);
  }

  @Test
  void stateWrittenAsJsonByEarlierVersionsIsStillRead() {
    var state = JobState.unscheduled(JOB, Instant.parse("2027-01-01T00:00:00Z"));

    assertThat(serde.deserialize("t", Json.toBytes(state))).isEqualTo(state);
  }

  @Test
  void anUnknownFormatIsRefusedWithAReason() {
    assertThatThrownBy(() -> serde.deserialize("t", new byte[] {9, 0, 0}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("unknown format");
  }

  @Test
  void aFullCacheStartsOverInsteadOfGrowing() {
    for (int i = 0; i < 25; i++) {
      cache.encode(JOB.withId("job-" + i));
    }

    assertThat(cache.size()).isLessThanOrEqualTo(10);
  }
}
