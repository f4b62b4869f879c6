package dev.punctual.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.job.JobStatus;
import dev.punctual.model.json.JobDefinitionCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AnswersTest {

  private static final String JOB =
      """
      {"id":"nightly-report","namespace":"default","name":"Nightly report",
       "schedule":{"cron":"0 2 * * *","timeZone":"Europe/Berlin"},
       "target":{"type":"http","method":"POST","url":"https://reports.example.com/run",
                 "headers":{"Authorization":"******"}},
       "parameters":{"region":"eu"},"paused":false,
       "labels":{"team":"reports"},
       "status":"ACTIVE","pausedReason":null,"nextRunAt":"2027-03-02T01:00:00Z",
       "lastRunAt":null,"lastRunStatus":null,"version":3,
       "createdAt":"2027-03-01T10:00:00Z","updatedAt":"2027-03-01T11:00:00Z",
       "someMemberOfANewerApi":{"x":1}}
      """;

  @Test
  void aJobAnswerReadsAsItsDefinitionAndTheReadOnlyFields() {
    var job = Answers.job(Answers.tree(JOB.getBytes(StandardCharsets.UTF_8)));

    assertThat(job.id()).isEqualTo("nightly-report");
    assertThat(job.status()).isEqualTo(JobStatus.ACTIVE);
    assertThat(job.nextRunAt()).isEqualTo(Instant.parse("2027-03-02T01:00:00Z"));
    assertThat(job.lastRunAt()).isNull();
    assertThat(job.version()).isEqualTo(3);
    assertThat(job.etag()).isEqualTo("\"3\"");
    assertThat(job.definition().labels()).containsEntry("team", "reports");
    assertThat(job.definition().target()).isInstanceOf(HttpTarget.class);
    assertThat(job.definition().parameters().get("region").asString()).isEqualTo("eu");
  }

  @Test
  void aDefinitionReadFromAnAnswerIsWrittenBackAsTheApiReadsIt() {
    var job = Answers.job(Answers.tree(JOB.getBytes(StandardCharsets.UTF_8)));

    var written = JobDefinitionCodec.toBytes(job.definition());

    assertThat(JobDefinitionCodec.parse(written, null).sameDefinitionAs(job.definition())).isTrue();
  }

  @Test
  void aMissedItemGetsTheJobIdTheListLeavesOut() {
    var page =
        Answers.page(
            """
            {"items":[{"reason":"MISFIRE","policy":"FIRE_ONCE","from":"2027-03-01T00:00:00Z",
                       "to":"2027-03-01T00:04:00Z","count":5,
                       "firedScheduledAt":"2027-03-01T00:04:00Z",
                       "detectedAt":"2027-03-01T00:05:01Z"}],
             "nextCursor":"abc"}
            """
                .getBytes(StandardCharsets.UTF_8),
            item -> Answers.missed("job-1", item));

    assertThat(page.nextCursor()).isEqualTo("abc");
    assertThat(page.items())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.jobId()).isEqualTo("job-1");
              assertThat(m.count()).isEqualTo(5);
            });
  }
}
