package dev.punctual.model.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.job.KafkaTarget;
import dev.punctual.model.job.RetryPolicy;
import dev.punctual.model.schedule.Schedule;
import dev.punctual.model.validation.FieldError;
import dev.punctual.model.validation.InvalidJobDefinitionException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobDefinitionCodecTest {

  private static final String DESIGN_EXAMPLE =
      """
      {
        "id": "nightly-report",
        "name": "Nightly report",
        "schedule": { "cron": "0 2 * * *", "timeZone": "Europe/Berlin" },
        "target": { "type": "http", "method": "POST", "url": "https://reports.example.com/run",
                    "headers": {"Content-Type": "application/json"}, "body": "{\\"kind\\":\\"daily\\"}", "timeout": "PT30S" },
        "parameters": { "region": "eu" },
        "retry": { "maxAttempts": 3, "initialBackoff": "PT1S", "multiplier": 2.0, "maxBackoff": "PT5M" },
        "paused": false
      }
      """;

  @Test
  void readsTheExampleOfTheDesign() {
    var job = parse(DESIGN_EXAMPLE);

    assertThat(job.id()).isEqualTo("nightly-report");
    assertThat(job.schedule()).isInstanceOf(Schedule.Cron.class);
    assertThat(job.schedule().options().timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(job.target())
        .isEqualTo(
            new HttpTarget(
                "POST",
                "https://reports.example.com/run",
                java.util.Map.of("Content-Type", "application/json"),
                "{\"kind\":\"daily\"}",
                Duration.ofSeconds(30)));
    assertThat(job.parameters().get("region").asString()).isEqualTo("eu");
    assertThat(job.retry()).isEqualTo(RetryPolicy.DEFAULT);
  }

  @Test
  void writingAndReadingAgainGivesTheSameDefinition() {
    var job = parse(DESIGN_EXAMPLE);

    var again = JobDefinitionCodec.parse(JobDefinitionCodec.toBytes(job), null);

    assertThat(again).isEqualTo(job);
  }

  @Test
  void writesTheScheduleFlatWithItsDefaults() {
    var json =
        new String(JobDefinitionCodec.toBytes(parse(DESIGN_EXAMPLE)), StandardCharsets.UTF_8);

    assertThat(json)
        .contains(
            "\"schedule\":{\"cron\":\"0 2 * * *\",\"timeZone\":\"Europe/Berlin\",\"misfirePolicy\":\"FIRE_ONCE\"}")
        .contains("\"timeout\":\"PT30S\"")
        .startsWith(
            "{\"id\":\"nightly-report\",\"namespace\":\"default\",\"name\":\"Nightly report\","
                + "\"schedule\"");
  }

  @Test
  void minimalIntervalJobTakesDefaults() {
    var job =
        parse(
            """
            {"id":"ping","schedule":{"every":"PT5S"},"target":{"type":"http","url":"http://localhost:8080/ping"}}
            """);

    assertThat(job.schedule()).isEqualTo(Schedule.Interval.of(Duration.ofSeconds(5)));
    assertThat(job.target()).isEqualTo(HttpTarget.post("http://localhost:8080/ping"));
    assertThat(job.paused()).isFalse();
    assertThat(job.parameters().isEmpty()).isTrue();
  }

  @Test
  void kafkaTargetKeepsAnyJsonPayload() {
    var job =
        parse(
            """
            {"id":"k","schedule":{"at":"2027-01-01T00:00:00Z"},
             "target":{"type":"kafka","topic":"orders.reminders","key":"o-1","payload":{"order":1}}}
            """);

    var target = (KafkaTarget) job.target();
    assertThat(target.topic()).isEqualTo("orders.reminders");
    assertThat(target.payload().get("order").asInt()).isEqualTo(1);
  }

  @Test
  void aJobWithoutNamespaceIsInTheDefaultOneAndANamedOneKeepsIt() {
    var unnamed =
        parse(
            "{\"id\":\"a\",\"schedule\":{\"every\":\"PT1S\"},\"target\":{\"type\":\"http\",\"url\":\"http://a\"}}");
    var named =
        parse(
            "{\"id\":\"a\",\"namespace\":\"team-a\",\"schedule\":{\"every\":\"PT1S\"},"
                + "\"target\":{\"type\":\"http\",\"url\":\"http://a\"}}");

    assertThat(unnamed.namespace()).isEqualTo(JobDefinition.DEFAULT_NAMESPACE);
    assertThat(named.namespace()).isEqualTo("team-a");
    assertThat(JobDefinitionCodec.parse(JobDefinitionCodec.toBytes(named), null)).isEqualTo(named);
    assertThat(named.sameDefinitionAs(unnamed)).isFalse();
    assertThat(named.withNamespace("default").sameDefinitionAs(unnamed)).isTrue();
  }

  @Test
  void missingIdTakesTheDefaultId() {
    var job =
        JobDefinitionCodec.parse(
            bytes(
                "{\"schedule\":{\"every\":\"PT1S\"},\"target\":{\"type\":\"http\",\"url\":\"http://a\"}}"),
            "generated-1");

    assertThat(job.id()).isEqualTo("generated-1");
  }

  @Test
  void readOnlyFieldsOfAFetchedJobAreIgnored() {
    var job =
        parse(
            """
            {"id":"a","schedule":{"every":"PT1S"},"target":{"type":"http","url":"http://a"},
             "status":"ACTIVE","nextRunAt":null,"lastRunAt":null,"lastRunStatus":null,"version":3}
            """);

    assertThat(job.version()).isEqualTo(3L);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          invalid cron           | {"cron":"61 * * * *"}                         | schedule.cron      | '61 * * * *' is not a valid cron expression
          wrong field count      | {"cron":"* * *"}                              | schedule.cron      | has 3 fields
          two kinds              | {"cron":"* * * * *","every":"PT1S"}           | schedule.cron      | exactly one of cron, every or at
          no kind                | {"timeZone":"UTC"}                            | schedule           | needs one of cron, every or at
          interval too short     | {"every":"PT0.5S"}                            | schedule.every     | shorter than the minimum of PT1S
          not a duration         | {"every":"five seconds"}                      | schedule.every     | must be an ISO-8601 duration such as PT30S
          unknown time zone      | {"cron":"* * * * *","timeZone":"Mars/Base"}   | schedule.timeZone  | 'Mars/Base' is not a time zone
          end before start       | {"every":"PT1S","startAt":"2027-01-02T00:00:00Z","endAt":"2027-01-01T00:00:00Z"} | schedule.endAt | must not be before startAt
          not an instant         | {"at":"tomorrow"}                             | schedule.at        | must be an ISO-8601 instant
          unknown misfire policy | {"every":"PT1S","misfirePolicy":"SOMETIMES"}  | schedule.misfirePolicy | must be one of FIRE_ONCE, SKIP, FIRE_ALL
          unknown schedule field | {"every":"PT1S","jiter":"PT1S"}               | schedule.jiter     | is not a known field
          """)
  void invalidSchedulesNameTheField(String name, String schedule, String field, String message) {
    var json =
        "{\"id\":\"a\",\"schedule\":"
            + schedule
            + ",\"target\":{\"type\":\"http\",\"url\":\"http://a\"}}";

    assertThat(errorsOf(json)).anySatisfy(e -> assertError(e, field, message));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          relative url       | {"type":"http","url":"/run"}                                | target.url                 | must be an absolute http:// or https:// URL
          ftp url            | {"type":"http","url":"ftp://example.com/x"}                 | target.url                 | must be an absolute http:// or https:// URL
          missing url        | {"type":"http"}                                             | target.url                 | is required
          bad method         | {"type":"http","url":"http://a","method":"BREW"}            | target.method              | 'BREW' is not supported
          reserved header    | {"type":"http","url":"http://a","headers":{"Idempotency-Key":"x"}} | target.headers.Idempotency-Key | is set by Punctual
          zero timeout       | {"type":"http","url":"http://a","timeout":"PT0S"}           | target.timeout             | must be a positive duration
          unknown type       | {"type":"smtp","url":"http://a"}                            | target.type                | must be one of http, kafka
          missing type       | {"url":"http://a"}                                          | target.type                | must be one of http, kafka
          bad topic          | {"type":"kafka","topic":"no spaces allowed"}                | target.topic               | is not a valid Kafka topic name
          unknown field      | {"type":"http","url":"http://a","retries":3}                | target.retries             | is not a known field
          secret in url      | {"type":"http","url":"https://a/{{secret.../etc/passwd}}"}  | target.url                 | '{{secret.../etc/passwd}}' is not a valid secret reference
          secret as scheme   | {"type":"http","url":"{{secret.SCHEME}}://a"}               | target.url                 | must be an absolute http:// or https:// URL
          secret in header   | {"type":"http","url":"http://a","headers":{"Authorization":"Bearer {{secret..hidden}}"}} | target.headers.Authorization | '{{secret..hidden}}' is not a valid secret reference
          secret in body     | {"type":"http","url":"http://a","body":"{{secret.a b}}"}    | target.body                | is not a valid secret reference
          secret in key      | {"type":"kafka","topic":"t","key":"{{secret.}}"}            | target.key                 | '{{secret.}}' is not a valid secret reference
          secret in payload  | {"type":"kafka","topic":"t","payload":"x{{secret.a/b}}"}    | target.payload             | is not a valid secret reference
          secret in kafka header | {"type":"kafka","topic":"t","headers":{"h":"{{secret.~}}"}} | target.headers.h        | is not a valid secret reference
          """)
  void invalidTargetsNameTheField(String name, String target, String field, String message) {
    var json = "{\"id\":\"a\",\"schedule\":{\"every\":\"PT1S\"},\"target\":" + target + "}";

    assertThat(errorsOf(json)).anySatisfy(e -> assertError(e, field, message));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          invalid id         | {"id":"a b","schedule":{"every":"PT1S"},"target":{"type":"http","url":"http://a"}}  | id        | 'a b' is not a valid id
          missing schedule   | {"id":"a","target":{"type":"http","url":"http://a"}}                              | schedule  | is required
          missing target     | {"id":"a","schedule":{"every":"PT1S"}}                                            | target    | is required
          unknown top field  | {"id":"a","schedule":{"every":"PT1S"},"target":{"type":"http","url":"http://a"},"owner":"me"} | owner | is not a known field
          paused not boolean | {"id":"a","schedule":{"every":"PT1S"},"target":{"type":"http","url":"http://a"},"paused":"yes"} | paused | must be true or false
          bad retry          | {"id":"a","schedule":{"every":"PT1S"},"target":{"type":"http","url":"http://a"},"retry":{"maxAttempts":0}} | retry.maxAttempts | must be between 1 and 100
          parameters array   | {"id":"a","schedule":{"every":"PT1S"},"target":{"type":"http","url":"http://a"},"parameters":[1]} | parameters | must be a JSON object
          invalid namespace  | {"id":"a","namespace":"a/b","schedule":{"every":"PT1S"},"target":{"type":"http","url":"http://a"}} | namespace | 'a/b' is not a valid namespace
          empty namespace    | {"id":"a","namespace":"","schedule":{"every":"PT1S"},"target":{"type":"http","url":"http://a"}} | namespace | '' is not a valid namespace
          not an object      | [1,2]                                                                             | ``        | must be a JSON object
          """)
  void invalidDefinitionsNameTheField(String name, String json, String field, String message) {
    assertThat(errorsOf(json)).anySatisfy(e -> assertError(e, field, message));
  }

  @Test
  void secretReferencesAreKeptAsWrittenWhereTheyAreAllowed() {
    var json =
        """
        {"id":"a","schedule":{"every":"PT1S"},"target":{"type":"http",
         "url":"https://{{secret.HOST}}/v1/{{secret.path-part}}?token={{secret.api.token}}",
         "headers":{"Authorization":"Bearer {{secret.TOKEN}}"},"body":"{\\"k\\":\\"{{secret.K}}\\"}"}}
        """;

    var target = (HttpTarget) parse(json).target();

    assertThat(target.url())
        .isEqualTo("https://{{secret.HOST}}/v1/{{secret.path-part}}?token={{secret.api.token}}");
    assertThat(target.headers()).containsEntry("Authorization", "Bearer {{secret.TOKEN}}");
    assertThat(target.body()).isEqualTo("{\"k\":\"{{secret.K}}\"}");
    assertThatThrownBy(target::uri)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("{{…}} placeholders");
    assertThat(parse(new String(JobDefinitionCodec.toBytes(parse(json)), StandardCharsets.UTF_8)))
        .isEqualTo(parse(json));
  }

  @Test
  void placeholdersOfOtherKindsAndEscapedOnesStayLiteralText() {
    var json =
        """
        {"id":"a","schedule":{"every":"PT1S"},"target":{"type":"kafka","topic":"t",
         "key":"{{user.region}}","payload":"\\\\{{param.x}} {{fire.id}} {{ secret.SPACED }}"}}
        """;

    var target = (KafkaTarget) parse(json).target();

    assertThat(target.key()).isEqualTo("{{user.region}}");
    assertThat(target.payload().asString())
        .isEqualTo("\\{{param.x}} {{fire.id}} {{ secret.SPACED }}");
  }

  @Test
  void templatesOfTheJobsParametersFireAndJobAreAccepted() {
    var json =
        """
        {"id":"a","schedule":{"every":"PT1S"},"parameters":{"region":"eu","n":1},
         "target":{"type":"http","url":"https://{{param.region}}.example.com/{{job.id}}?n={{param.n}}",
          "headers":{"X-Fire":"{{fire.id}}#{{fire.attempt}}"},"body":"{{fire.scheduledAt}}"}}
        """;

    var target = (HttpTarget) parse(json).target();

    assertThat(target.url())
        .isEqualTo("https://{{param.region}}.example.com/{{job.id}}?n={{param.n}}");
  }

  @Test
  void anUnknownParameterFireOrJobPlaceholderIsAnErrorOfItsField() {
    var json =
        """
        {"id":"a","schedule":{"every":"PT1S"},"parameters":{"region":"eu"},
         "target":{"type":"kafka","topic":"t","key":"{{param.zone}}",
          "headers":{"h":"{{fire.dueAt}}"},"payload":"{{job.name}} {{param.region}}"}}
        """;

    var errors = errorsOf(json);

    assertThat(errors).hasSize(3);
    assertError(errors.get(0), "target.key", "'{{param.zone}}' names no parameter of the job");
    assertError(errors.get(1), "target.headers.h", "'{{fire.dueAt}}' is not a field of a fire");
    assertError(errors.get(2), "target.payload", "'{{job.name}}' is not a field of a job");
  }

  @Test
  void malformedJsonSaysWhere() {
    assertThat(errorsOf("{\"id\": \"a\",, }"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEmpty();
              assertThat(e.message()).startsWith("the body is not valid JSON").contains("line 1");
            });
  }

  @Test
  void errorMessagesNeverShowJavaClassNames() {
    var json =
        "{\"id\":\"a\",\"schedule\":{\"every\":\"x\"},\"target\":{\"type\":\"http\",\"url\":\"http://a\"}}";

    assertThat(errorsOf(json))
        .allSatisfy(
            e -> assertThat(e.message()).doesNotContain("java.", "tools.jackson", "Exception"));
  }

  private static JobDefinition parse(String json) {
    return JobDefinitionCodec.parse(bytes(json), null);
  }

  private static List<FieldError> errorsOf(String json) {
    try {
      parse(json);
    } catch (InvalidJobDefinitionException e) {
      return e.errors();
    }
    throw new AssertionError("expected " + json + " to be refused");
  }

  private static void assertError(FieldError error, String field, String message) {
    assertThat(error.field()).isEqualTo(field);
    assertThat(error.message()).contains(message);
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void refusalOfAnInvalidDefinitionIsAnException() {
    assertThatThrownBy(() -> parse("{}")).isInstanceOf(InvalidJobDefinitionException.class);
  }
}
