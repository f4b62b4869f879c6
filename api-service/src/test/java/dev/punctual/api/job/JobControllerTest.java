package dev.punctual.api.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.punctual.api.system.ConflictException;
import dev.punctual.api.system.Cursor;
import dev.punctual.api.testing.Jobs;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** The REST contract of /jobs without servers: validation, problem details, status codes. */
@WebMvcTest(JobController.class)
@Import(JobQueries.class)
class JobControllerTest {

  static final Instant NOW = Instant.parse("2027-03-13T07:29:30Z");

  /** A Java class or exception name, e.g. dev.punctual.Foo or IllegalStateException. */
  private static final Pattern CLASS_NAME =
      Pattern.compile("([a-z][a-z0-9_]*\\.){2,}[A-Z]\\w*|\\w+Exception|\\bat [a-z]+\\.");

  @TestConfiguration
  static class FixedClock {
    @Bean
    Clock clock() {
      return Clock.fixed(NOW, ZoneOffset.UTC);
    }
  }

  @Autowired MockMvcTester mvc;
  @MockitoBean JobService jobs;
  @MockitoBean JobRepository repository;

  @Test
  void anInvalidCronIsABadRequestNamingTheField() {
    var result = post(Jobs.definition("cron-job", "\"cron\": \"61 * * * *\""));

    assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("schedule.cron");
    assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(400);
    assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("schedule.cron");
    assertNoClassNames(result);
    verifyNoInteractions(jobs);
  }

  @Test
  void malformedJsonIsABadRequest() {
    var result = post("{\"id\": \"x\", ");

    assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("not valid JSON");
    assertNoClassNames(result);
  }

  @Test
  void anUnknownFieldIsABadRequestNamingIt() {
    var body = Jobs.definition("x", "\"every\": \"PT1M\"").replace("\"paused\"", "\"colour\"");

    var result = post(body);

    assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("colour");
    assertNoClassNames(result);
  }

  @Test
  void aCreatedJobIsAnsweredWithLocationAndEveryReadOnlyField() {
    when(jobs.create(any(), anyBoolean(), any(), any()))
        .thenAnswer(call -> new JobService.Written(JobRow.created(call.getArgument(0), NOW), true));

    var result = post(Jobs.definition("every-minute", "\"every\": \"PT1M\""));

    assertThat(result).hasStatus(201).hasHeader("Location", "/jobs/every-minute");
    var json = assertThat(result).bodyJson();
    json.extractingPath("$.id").isEqualTo("every-minute");
    json.extractingPath("$.status").isEqualTo("ACTIVE");
    // An interval's first occurrence is its anchor, the creation time.
    json.extractingPath("$.nextRunAt").isEqualTo("2027-03-13T07:29:30Z");
    json.extractingPath("$.lastRunAt").isNull();
    json.extractingPath("$.lastRunStatus").isNull();
    json.extractingPath("$.version").isEqualTo(1);
    json.extractingPath("$.createdAt").isEqualTo("2027-03-13T07:29:30Z");
    json.extractingPath("$.updatedAt").isEqualTo("2027-03-13T07:29:30Z");
    assertThat(bodyOf(result)).contains("\"lastRunAt\":null");
  }

  @Test
  void aJobWithoutIdGetsAGeneratedOne() {
    when(jobs.create(any(), anyBoolean(), any(), any()))
        .thenAnswer(call -> new JobService.Written(JobRow.created(call.getArgument(0), NOW), true));

    var result = post(Jobs.definition("x", "\"every\": \"PT1M\"").replace("\"id\": \"x\",", ""));

    assertThat(result).hasStatus(201);
    assertThat(result.getResponse().getHeader("Location"))
        .matches("/jobs/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  }

  @Test
  void aConflictIsAProblem() {
    when(jobs.create(any(), anyBoolean(), any(), any()))
        .thenThrow(new ConflictException("A job with id 'x' already exists."));

    var result = post(Jobs.definition("x", "\"every\": \"PT1M\""));

    assertThat(result).hasStatus(409).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Conflict");
  }

  @Test
  void anUnknownJobIsNotFound() {
    when(repository.find("nope")).thenReturn(Optional.empty());

    var result = mvc.get().uri("/jobs/nope").exchange();

    assertThat(result).hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("'nope'");
  }

  @Test
  void aLimitOutOfRangeIsABadRequest() {
    for (var limit : List.of("0", "501", "-3")) {
      var result = mvc.get().uri("/jobs?limit=" + limit).exchange();

      assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
      assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("limit");
    }
    verifyNoInteractions(repository);
  }

  @Test
  void aLimitThatIsNoNumberIsABadRequest() {
    var result = mvc.get().uri("/jobs?limit=ten").exchange();

    assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("limit");
    assertNoClassNames(result);
  }

  @Test
  void aForgedCursorIsABadRequest() {
    var result = mvc.get().uri("/jobs?cursor=%%%").exchange();

    assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("cursor");
  }

  @Test
  void aFullPageCarriesTheCursorOfItsLastJob() {
    var a = stored("a");
    var b = stored("b");
    var c = stored("c");
    when(repository.candidatesAfter(eq("0"), eq(JobFilter.NONE), anyInt()))
        .thenReturn(List.of(a, b, c));

    var result = mvc.get().uri("/jobs?limit=2&cursor=" + Cursor.encode("0")).exchange();

    assertThat(result).hasStatus(200);
    var json = assertThat(result).bodyJson();
    json.extractingPath("$.items[*].id").asArray().containsExactly("a", "b");
    json.extractingPath("$.nextCursor").isEqualTo(Cursor.encode("b"));
  }

  @Test
  void anUnsupportedMediaTypeIs415() {
    var result =
        mvc.post().uri("/jobs").contentType(MediaType.TEXT_PLAIN).content("hello").exchange();

    assertThat(result).hasStatus(415).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertNoClassNames(result);
  }

  @Test
  void anUnsupportedMethodIs405() {
    var result = mvc.patch().uri("/jobs").exchange();

    assertThat(result).hasStatus(405).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void aBodyAboveTheLimitIs413() {
    var huge =
        Jobs.definition("x", "\"every\": \"PT1M\"")
            .replace("\"name\": \"x\"", "\"name\": \"" + "n".repeat(300_000) + "\"");

    var result = post(huge);

    assertThat(result).hasStatus(413).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    verifyNoInteractions(jobs);
  }

  @Test
  void anUnexpectedErrorIsA500ThatGivesNothingAway() {
    when(repository.find("x"))
        .thenThrow(
            new IllegalStateException("secret at dev.punctual.api.job.JobRepository line 42"));

    var result = mvc.get().uri("/jobs/x").exchange();

    assertThat(result).hasStatus(500).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(bodyOf(result)).doesNotContain("secret");
    assertNoClassNames(result);
  }

  private MvcTestResult post(String body) {
    return mvc.post().uri("/jobs").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
  }

  private static JobRow stored(String id) {
    var definition =
        dev.punctual.model.json.JobDefinitionCodec.parse(
            Jobs.definition(id, "\"every\": \"PT1M\"").getBytes(), null);
    return JobRow.created(definition, NOW);
  }

  private static String bodyOf(MvcTestResult result) {
    return new String(
        result.getResponse().getContentAsByteArray(), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static void assertNoClassNames(MvcTestResult result) {
    var body = bodyOf(result);
    assertThat(CLASS_NAME.matcher(body).find()).as("class name in %s", body).isFalse();
  }
}
