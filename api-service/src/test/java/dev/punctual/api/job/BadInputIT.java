package dev.punctual.api.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.api.testing.ApiClient.Answer;
import dev.punctual.api.testing.ApiIntegrationTest;
import dev.punctual.api.testing.Jobs;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input through the running API: every refusal is problem+json naming the field at fault with a
 * message a person can act on, and no size of body gets past the limit.
 */
class BadInputIT extends ApiIntegrationTest {

  /** A Java class or exception name, e.g. dev.punctual.Foo or IllegalStateException. */
  private static final Pattern CLASS_NAME =
      Pattern.compile("([a-z][a-z0-9_]*\\.){2,}[A-Z]\\w*|\\w+Exception|\\bat [a-z]+\\.");

  private final String id = "bad-" + UUID.randomUUID();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          invalid time zone    | "cron": "0 2 * * *", "timeZone": "Europe/Berlinn"       | schedule.timeZone | IANA
          invalid cron         | "cron": "0 25 * * *"                                    | schedule.cron     | cron
          invalid duration     | "every": "5 minutes"                                    | schedule.every    | ISO-8601 duration
          every under 1 s      | "every": "PT0.5S"                                       | schedule.every    | minimum of PT1S
          endAt before startAt | "every": "PT1M", "startAt": "2030-01-02T00:00:00Z", "endAt": "2030-01-01T00:00:00Z" | schedule.endAt | before startAt
          cron and every       | "cron": "0 2 * * *", "every": "PT1M"                    | schedule.cron     | exactly one of cron, every or at
          no kind              | "timeZone": "UTC"                                       | schedule          | one of cron, every or at
          invalid instant      | "at": "tomorrow"                                        | schedule.at       | ISO-8601 instant
          unknown schedule key | "every": "PT1M", "colour": "red"                        | schedule.colour   | not a known field
          """)
  void anInvalidScheduleNamesTheFieldWithAnActionableMessage(
      String name, String schedule, String field, String hint) {
    expectFieldError(api().post("/jobs", Jobs.definition(id, schedule)), field, hint);
  }

  @Test
  void anInvalidUrlNamesTheTargetField() {
    var body =
        Jobs.definition(id, "\"every\": \"PT1M\"").replace("https://example.com/run", "not a url");

    expectFieldError(api().post("/jobs", body), "target.url", "");
  }

  @Test
  void unknownFieldsAreNamed() {
    var body = Jobs.definition(id, "\"every\": \"PT1M\"").replace("\"paused\"", "\"colour\"");

    var answer = api().post("/jobs", body);

    expectFieldError(answer, "colour", "not a known field");
    assertThat(answer.json().get("detail").asString()).contains("colour");
  }

  @Test
  void textPostgresqlCannotStoreIsRefusedAsInvalidNotAsAnError() {
    var body = Jobs.named(id, "nul\\u0000name", "\"every\": \"PT1M\"");

    expectFieldError(api().post("/jobs", body), "name", "NUL");
  }

  @Test
  void aBodyOverTheLimitIs413AlsoWhenItIsSentChunked() {
    var huge = Jobs.named(id, "n".repeat(300_000), "\"every\": \"PT1M\"");

    var declared = api().post("/jobs", huge);
    var chunked = api().postChunked("/jobs", huge);

    for (var answer : new Answer[] {declared, chunked}) {
      assertThat(answer.status()).as(answer.body()).isEqualTo(413);
      assertThat(answer.contentType()).startsWith("application/problem+json");
      assertThat(answer.json().get("detail").asString()).contains("262144 bytes");
    }
    assertThat(api().get("/jobs/" + id).status()).isEqualTo(404);
  }

  @Test
  void aChunkedBodyUnderTheLimitIsRead() {
    var answer = api().postChunked("/jobs", Jobs.definition(id, "\"every\": \"PT1M\""));

    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          the jobs topic          | scheduler.jobs         | Punctual's own topics
          an unknown prefixed one | scheduler.anything     | starting with 'scheduler.'
          a Streams changelog     | app-store-changelog    | -changelog
          a Streams repartition   | app-by-key-repartition | -repartition
          a Kafka internal topic  | __consumer_offsets     | starting with __
          """)
  void aKafkaTargetOnAReservedTopicIsRefusedOnCreateAndReplace(
      String name, String topic, String hint) {
    assertThat(api().post("/jobs", Jobs.kafka(id, "orders")).status()).isEqualTo(201);

    expectFieldError(api().post("/jobs", Jobs.kafka(id + "-new", topic)), "target.topic", hint);
    expectFieldError(api().put("/jobs/" + id, Jobs.kafka(id, topic)), "target.topic", hint);

    assertThat(api().get("/jobs/" + id + "-new").status()).isEqualTo(404);
    assertThat(api().get("/jobs/" + id).json().get("target").get("topic").asString())
        .isEqualTo("orders");
  }

  @Test
  void malformedJsonAndOtherMediaTypesAreRefused() {
    var malformed = api().post("/jobs", "{\"id\": ");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().get("detail").asString()).contains("not valid JSON");

    var empty = api().post("/jobs", "");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.contentType()).startsWith("application/problem+json");
  }

  private static void expectFieldError(Answer answer, String field, String hint) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    var errors = answer.json().get("errors");
    assertThat(answer.errorFields()).as(answer.body()).contains(field);
    for (var error : errors) {
      if (error.get("field").asString().equals(field)) {
        assertThat(error.get("message").asString()).contains(hint).hasSizeGreaterThan(10);
      }
    }
    assertThat(answer.json().get("detail").asString()).contains(field);
    assertThat(CLASS_NAME.matcher(answer.body()).find()).as(answer.body()).isFalse();
  }
}
