package dev.punctual.api.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.api.testing.ApiIntegrationTest;
import dev.punctual.api.testing.Jobs;
import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.json.JobDefinitionCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The fires and results projections write the same job and execution rows at the same time. Applied
 * the way their loops apply a batch (one transaction, by job, with their set-based statements),
 * they never deadlock, even when one batch holds only some of the attempts the other holds. Without
 * locking the batch's jobs first, and the jobs and then the attempts each in one order, PostgreSQL
 * aborts one of them with "deadlock detected".
 */
class ConcurrentProjectionsIT extends ApiIntegrationTest {

  private static final int JOBS = 8;
  private static final int FIRES_PER_JOB = 6;
  private static final int ROUNDS = 15;

  @Autowired private ProjectFires projectFires;
  @Autowired private ProjectResults projectResults;
  @Autowired private TransactionTemplate transactions;

  @Test
  void firesAndResultsAppliedConcurrentlyNeverDeadlock() throws Exception {
    var definitions = new ArrayList<JobDefinition>();
    for (int j = 0; j < JOBS; j++) {
      var body =
          Jobs.definition(
              "concurrent-" + UUID.randomUUID(),
              "\"every\": \"PT1H\", \"startAt\": \"2030-01-01T00:00:00Z\"");
      assertThat(api().post("/jobs", body).status()).isEqualTo(201);
      definitions.add(JobDefinitionCodec.parse(body.getBytes(StandardCharsets.UTF_8), null));
    }
    var random = new Random(42);
    var allFires = new ArrayList<JobFired>();
    var withResult = new HashSet<String>();

    for (int round = 0; round < ROUNDS; round++) {
      var fires = new ArrayList<JobFired>();
      var results = new ArrayList<ExecutionFinished>();
      for (var definition : definitions) {
        for (int k = 0; k < FIRES_PER_JOB; k++) {
          var at = Instant.parse("2027-01-01T00:00:00Z").plusSeconds(3600L * (round * 100 + k));
          var fire = JobFired.scheduled(definition, at, at.plusMillis(3), 0);
          fires.add(fire);
          // The results batch holds only the later attempts of each job: it starts in the middle
          // of the rows the fires batch locks.
          if (k >= FIRES_PER_JOB / 2) {
            results.add(FiresIT.succeeded(fire));
            withResult.add(fire.fireId());
          }
        }
      }
      var firesBatch = shuffled(fires, random);
      var resultsBatch = shuffled(results, random);

      var barrier = new CyclicBarrier(2);
      var applyFires =
          CompletableFuture.runAsync(
              () ->
                  applyAsTheLoopDoes(firesBatch, barrier, projectFires::applyAll, JobFired::jobId));
      var applyResults =
          CompletableFuture.runAsync(
              () ->
                  applyAsTheLoopDoes(
                      resultsBatch, barrier, projectResults::applyAll, ExecutionFinished::jobId));

      CompletableFuture.allOf(applyFires, applyResults).get();
      allFires.addAll(fires);
    }

    for (var fire : allFires) {
      var status =
          jdbc.sql("SELECT status FROM executions WHERE fire_id = :fireId AND attempt = 1")
              .param("fireId", fire.fireId())
              .query(String.class)
              .single();
      assertThat(status)
          .isEqualTo(withResult.contains(fire.fireId()) ? "SUCCEEDED" : ExecutionWrites.FIRED);
    }
    assertThat(withResult).hasSize(allFires.size() / 2);
  }

  private <T> void applyAsTheLoopDoes(
      List<T> batch, CyclicBarrier barrier, Consumer<List<T>> applyAll, Function<T, String> jobId) {
    var ordered = new ArrayList<>(batch);
    ordered.sort(Comparator.comparing(jobId));
    transactions.executeWithoutResult(
        status -> {
          await(barrier);
          applyAll.accept(ordered);
        });
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> List<T> shuffled(List<T> values, Random random) {
    var copy = new ArrayList<>(values);
    Collections.shuffle(copy, random);
    return copy;
  }
}
