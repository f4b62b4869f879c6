package dev.punctual.scheduler.topology;

import static dev.punctual.scheduler.topology.Jobs.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.event.JobFired;
import dev.punctual.model.event.RecordHeaders;
import dev.punctual.model.json.JobDefinitionCodec;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Generated bad records ({@link BadRecords}) on every input topic of the scheduler: each one is
 * dead-lettered unchanged with a reason a person can act on (never the catch-all that says it
 * indicates a bug), the stream never stops, and a good job defined after them fires. A failure
 * prints the seed; {@code -Dpunctual.fuzz.seed=<seed>} writes the very same records again.
 */
class BadRecordsTest extends SchedulerDriverTest {

  private static final Instant T0 = Instant.parse("2027-03-13T07:30:00Z");
  private static final int RECORDS_PER_TOPIC = 300;

  @BeforeEach
  void start() {
    scheduler = new SchedulerDriver(T0, stateDir);
  }

  @Test
  void everyBadRecordIsDeadLetteredWithAReasonAndTheStreamGoesOn() {
    long seed = Long.getLong("punctual.fuzz.seed", new SecureRandom().nextLong());
    var records = new BadRecords(seed);
    var topics = SchedulerDriver.TOPICS;
    var sent = new ArrayList<BadRecords.Bad>();
    for (int i = 0; i < RECORDS_PER_TOPIC; i++) {
      sent.add(records.next(BadRecords.Kind.JOB, topics.jobs().name()));
      sent.add(records.next(BadRecords.Kind.COMMAND, topics.commands().name()));
      sent.add(records.next(BadRecords.Kind.RESULT, topics.results().name()));
    }
    for (var bad : sent) {
      scheduler.pipeRaw(bad.topic(), bad.key(), bad.value(), bad.headers());
    }
    var good = aJob("good").every(Duration.ofSeconds(1)).createdAt(T0).build();
    scheduler.pipeRaw(
        topics.jobs().name(),
        "good".getBytes(StandardCharsets.UTF_8),
        JobDefinitionCodec.toBytes(good),
        sent.getLast().headers());
    scheduler.advance(Duration.ofMillis(1_500));

    var deadLetters = scheduler.deadLetters();
    var seedNote = "seed " + seed + " (rerun with -Dpunctual.fuzz.seed=" + seed + ")";
    assertThat(deadLetters).as(seedNote).hasSameSizeAs(sent);
    for (int i = 0; i < sent.size(); i++) {
      var bad = sent.get(i);
      var letter = deadLetters.get(i);
      var reason = header(letter.headers(), RecordHeaders.ERROR);
      assertThat(letter.key()).as("%s: key of %s", seedNote, bad).isEqualTo(bad.key());
      assertThat(letter.value()).as("%s: value of %s", seedNote, bad).isEqualTo(bad.value());
      assertThat(reason)
          .as("%s: the reason for %s", seedNote, bad)
          .isNotBlank()
          .doesNotContain("indicates a bug")
          // in words, not in the implementation's names or the parser's asides
          .doesNotContain("`", "dev.punctual", "tools.jackson", "Source:", "Creator");
      assertThat(header(letter.headers(), RecordHeaders.SOURCE_TOPIC))
          .as(seedNote)
          .isEqualTo(bad.topic());
    }
    assertThat(scheduler.fires())
        .as("the good job after the bad records")
        .extracting(JobFired::jobId)
        .contains("good");
  }

  /** The last value of the header, as the dead-letter record carries it once. */
  private static String header(Headers headers, String name) {
    var header = headers.lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
