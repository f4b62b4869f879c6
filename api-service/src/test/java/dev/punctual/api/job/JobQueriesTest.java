package dev.punctual.api.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.punctual.api.system.Cursor;
import dev.punctual.api.testing.Jobs;
import dev.punctual.model.json.JobDefinitionCodec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The filtered list: time-dependent statuses are checked on the database's candidates. */
class JobQueriesTest {

  private static final Instant NOW = Instant.parse("2027-03-13T07:00:00Z");

  private final JobRepository repository = mock(JobRepository.class);
  private final JobQueries queries = new JobQueries(repository, Clock.fixed(NOW, ZoneOffset.UTC));
  private final JobFilter completed = JobFilter.of("COMPLETED", null);

  @Test
  void aPageFilledOverSeveralReadsContinuesAfterItsLastJob() {
    // 3 per read (limit 2 + 1): only every third candidate is completed.
    when(repository.candidatesAfter(any(), eq(completed), eq(3)))
        .thenReturn(List.of(active("a"), active("b"), ended("c")))
        .thenReturn(List.of(active("d"), ended("e"), active("f")))
        .thenReturn(List.of(ended("g"), active("h")));

    var page = queries.list(completed, null, 2, NOW, JobRow::id);

    assertThat(page.items()).containsExactly("c", "e");
    assertThat(Cursor.decode(page.nextCursor())).isEqualTo("e");
  }

  @Test
  void theLastPageHasNoCursor() {
    when(repository.candidatesAfter(any(), eq(completed), eq(3)))
        .thenReturn(List.of(active("a"), ended("b")));

    var page = queries.list(completed, null, 2, NOW, JobRow::id);

    assertThat(page.items()).containsExactly("b");
    assertThat(page.nextCursor()).isNull();
  }

  @Test
  void aLongScanWithoutMatchesAnswersAPartialPageThatContinuesTheScan() {
    var reads = new ArrayList<List<JobRow>>();
    for (int i = 0; i < JobQueries.MAX_SCAN_ROUNDS; i++) {
      reads.add(List.of(active(i + "a"), active(i + "b"), active(i + "c")));
    }
    var stub = when(repository.candidatesAfter(any(), eq(completed), anyInt()));
    for (var read : reads) {
      stub = stub.thenReturn(read);
    }

    var page = queries.list(completed, null, 2, NOW, JobRow::id);

    assertThat(page.items()).isEmpty();
    assertThat(Cursor.decode(page.nextCursor())).isEqualTo((JobQueries.MAX_SCAN_ROUNDS - 1) + "c");
  }

  private static JobRow active(String id) {
    return job(id, "\"every\": \"PT1M\", \"maxRuns\": 5");
  }

  private static JobRow ended(String id) {
    return job(id, "\"every\": \"PT1M\", \"endAt\": \"2027-01-01T00:00:00Z\"");
  }

  private static JobRow job(String id, String schedule) {
    var definition =
        JobDefinitionCodec.parse(
            Jobs.definition(id, schedule).getBytes(StandardCharsets.UTF_8), null);
    return JobRow.created(definition, NOW.minusSeconds(3600));
  }
}
