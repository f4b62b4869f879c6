package dev.punctual.model.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.json.JobDefinitionCodec;
import dev.punctual.model.validation.FieldError;
import dev.punctual.model.validation.InvalidJobDefinitionException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The schedule fields of issue 13 in JSON: {@code overlapPolicy}, {@code jitter}, {@code
 * daylightSaving}, {@code misfireThreshold} and {@code pauseAfterFailures}.
 */
class ScheduleDocumentFieldsTest {

  @Test
  void everyNewFieldSurvivesARoundTrip() {
    var job =
        parse(
            """
            {"cron":"*/15 * * * *","timeZone":"America/New_York","overlapPolicy":"BUFFER_ONE",
             "jitter":"PT90S","daylightSaving":{"gap":"SKIP","overlap":"BOTH"},
             "misfireThreshold":"PT10S","pauseAfterFailures":3}""");

    var options = job.schedule().options();
    assertThat(options.overlapPolicy()).isEqualTo(OverlapPolicy.BUFFER_ONE);
    assertThat(options.jitter()).isEqualTo(Duration.ofSeconds(90));
    assertThat(options.daylightSaving())
        .isEqualTo(new DaylightSaving(DaylightSaving.Gap.SKIP, DaylightSaving.Overlap.BOTH));
    assertThat(options.misfireThreshold()).isEqualTo(Duration.ofSeconds(10));
    assertThat(options.pauseAfterFailures()).isEqualTo(3);
    assertThat(JobDefinitionCodec.parse(JobDefinitionCodec.toBytes(job), null)).isEqualTo(job);
  }

  @Test
  void defaultsAreNotWritten() {
    var json = write(parse("{\"every\":\"PT5S\"}"));

    assertThat(json)
        .doesNotContain("overlapPolicy")
        .doesNotContain("jitter")
        .doesNotContain("daylightSaving")
        .doesNotContain("misfireThreshold")
        .doesNotContain("pauseAfterFailures");
  }

  @Test
  void explicitDefaultsAreNotWrittenEither() {
    var json =
        write(
            parse(
                """
                {"cron":"0 2 * * *","overlapPolicy":"ALLOW","jitter":"PT0S",
                 "daylightSaving":{"gap":"FIRE_AT_TRANSITION","overlap":"FIRST"}}"""));

    assertThat(json).doesNotContain("overlapPolicy", "jitter", "daylightSaving");
  }

  @Test
  void aPartialDaylightSavingTakesTheDefaultForTheOtherChoice() {
    var options =
        parse("{\"cron\":\"0 2 * * *\",\"daylightSaving\":{\"overlap\":\"LAST\"}}")
            .schedule()
            .options();

    assertThat(options.daylightSaving())
        .isEqualTo(
            new DaylightSaving(DaylightSaving.Gap.FIRE_AT_TRANSITION, DaylightSaving.Overlap.LAST));
    assertThat(write(parse("{\"cron\":\"0 2 * * *\",\"daylightSaving\":{\"overlap\":\"LAST\"}}")))
        .contains("\"daylightSaving\":{\"gap\":\"FIRE_AT_TRANSITION\",\"overlap\":\"LAST\"}");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          negative jitter        | {"every":"PT10S","jitter":"-PT1S"}             | schedule.jitter             | must not be negative
          sub-millisecond jitter | {"every":"PT10S","jitter":"PT0.0005S"}         | schedule.jitter             | whole number of milliseconds
          jitter of an interval  | {"every":"PT10S","jitter":"PT10S"}             | schedule.jitter             | must be shorter than the interval
          jitter of a cron       | {"cron":"*/5 * * * *","jitter":"PT5M"}         | schedule.jitter             | shorter than the shortest gap between occurrences
          zero threshold         | {"every":"PT10S","misfireThreshold":"PT0S"}    | schedule.misfireThreshold   | must be a positive duration
          zero failures          | {"every":"PT10S","pauseAfterFailures":0}       | schedule.pauseAfterFailures | must be at least 1
          unknown overlap policy | {"every":"PT10S","overlapPolicy":"QUEUE"}      | schedule.overlapPolicy      | must be one of
          unknown gap choice     | {"cron":"0 2 * * *","daylightSaving":{"gap":"LATER"}} | schedule.daylightSaving.gap | must be one of
          """)
  void invalidFieldsAreReportedAtTheirPath(
      String name, String schedule, String field, String message) {
    assertThat(errorsOf(schedule))
        .anySatisfy(
            error -> {
              assertThat(error.field()).isEqualTo(field);
              assertThat(error.message()).contains(message);
            });
  }

  @Test
  void anIntervalJitterIsValidExactlyWhenShorterThanTheInterval() {
    long seed = new Random().nextLong();
    var random = new Random(seed);
    for (int i = 0; i < 300; i++) {
      long every = 1_000 + random.nextLong(3_600_000);
      long jitter = random.nextLong(2 * every);
      var schedule =
          "{\"every\":\"PT" + every / 1000.0 + "S\",\"jitter\":\"PT" + jitter / 1000.0 + "S\"}";
      var errors = errorsOrNone(schedule);
      if (jitter < every) {
        assertThat(errors).as("seed %d: %s", seed, schedule).isEmpty();
      } else {
        assertThat(errors)
            .as("seed %d: %s", seed, schedule)
            .singleElement()
            .satisfies(error -> assertThat(error.field()).isEqualTo("schedule.jitter"));
      }
    }
  }

  @Test
  void pauseAfterFailuresIsValidFromOne() {
    long seed = new Random().nextLong();
    var random = new Random(seed);
    for (int i = 0; i < 100; i++) {
      int failures = random.nextInt(-1_000, 1_000);
      var errors = errorsOrNone("{\"every\":\"PT5S\",\"pauseAfterFailures\":" + failures + "}");
      assertThat(errors.isEmpty()).as("seed %d: %d", seed, failures).isEqualTo(failures >= 1);
    }
  }

  private static JobDefinition parse(String schedule) {
    return JobDefinitionCodec.parse(json(schedule).getBytes(StandardCharsets.UTF_8), null);
  }

  private static String write(JobDefinition job) {
    return new String(JobDefinitionCodec.toBytes(job), StandardCharsets.UTF_8);
  }

  private static String json(String schedule) {
    return "{\"id\":\"a\",\"schedule\":"
        + schedule
        + ",\"target\":{\"type\":\"http\",\"url\":\"http://a\"}}";
  }

  private static List<FieldError> errorsOf(String schedule) {
    var errors = errorsOrNone(schedule);
    assertThat(errors).as("expected %s to be refused", schedule).isNotEmpty();
    return errors;
  }

  private static List<FieldError> errorsOrNone(String schedule) {
    try {
      parse(schedule);
      return List.of();
    } catch (InvalidJobDefinitionException e) {
      return e.errors();
    }
  }
}
