package dev.punctual.api.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.api.job.JobRepository;
import dev.punctual.api.testing.ApiIntegrationTest;
import dev.punctual.api.testing.Jobs;
import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.json.JobDefinitionCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The property that makes batches safe: whatever the interleaving of the fires and results topics,
 * duplicates included, and however their records are split into polled batches, applying the
 * batches with {@link ExecutionBatchWrites} ends in the same rows as applying every record one by
 * one with {@link ExecutionWrites} in the order they arrived.
 *
 * <p>Each case is drawn from its seed, and a failure names the seed that replays it. Hand-written
 * rather than with jqwik, whose 1.x releases are engines for JUnit Platform 1 while this build runs
 * JUnit 6.
 */
class ExecutionBatchWritesIT extends ApiIntegrationTest {

  private static final Instant BASE = Instant.parse("2027-06-01T00:00:00Z");

  @Autowired private ExecutionWrites oneByOne;
  @Autowired private ExecutionBatchWrites inBatches;
  @Autowired private JobRepository jobs;
  @Autowired private TransactionTemplate transactions;

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 80);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void batchesEndInTheRowsOfRecordsAppliedOneByOne(long seed) {
    var expected = applyOneByOne(new Case(seed, "one"));
    var actual = applyInBatches(new Case(seed, "batch"));

    assertThat(actual).as("seed %d", seed).isEqualTo(expected);
  }

  private List<String> applyOneByOne(Case world) {
    // One interleaving of the two topics, each record in a transaction of its own.
    interleave(
        world.fires, world.results, new Random(world.seed), oneByOne::fired, oneByOne::finished);
    return world.rows();
  }

  private List<String> applyInBatches(Case world) {
    // Another interleaving than applyOneByOne's, of batches of random sizes.
    var random = new Random(world.seed * 31 + 7);
    interleave(
        split(world.fires, random, JobFired::jobId),
        split(world.results, random, ExecutionFinished::jobId),
        random,
        inBatches::fired,
        inBatches::finished);
    return world.rows();
  }

  /** Applies the two topics' items in a random interleaving, each in a transaction of its own. */
  private <F, R> void interleave(
      List<F> fires, List<R> results, Random random, Consumer<F> fired, Consumer<R> finished) {
    var nextFires = new ArrayDeque<>(fires);
    var nextResults = new ArrayDeque<>(results);
    while (!nextFires.isEmpty() || !nextResults.isEmpty()) {
      if (nextResults.isEmpty() || (!nextFires.isEmpty() && random.nextBoolean())) {
        var fire = nextFires.removeFirst();
        transactions.executeWithoutResult(status -> fired.accept(fire));
      } else {
        var result = nextResults.removeFirst();
        transactions.executeWithoutResult(status -> finished.accept(result));
      }
    }
  }

  /** Consecutive batches, each ordered by job as the loop orders a polled batch (stable sort). */
  private static <T> List<List<T>> split(
      List<T> records, Random random, Function<T, String> jobId) {
    var batches = new ArrayList<List<T>>();
    int from = 0;
    while (from < records.size()) {
      int to = Math.min(records.size(), from + 1 + random.nextInt(records.size()));
      var batch = new ArrayList<>(records.subList(from, to));
      batch.sort(Comparator.comparing(jobId));
      batches.add(batch);
      from = to;
    }
    return batches;
  }

  /**
   * Jobs (some unknown to the API, some with a latest run already), their fires and results in the
   * order each topic delivers them, with duplicates. Instants come from a few milliseconds, so that
   * fires and results often share one.
   */
  private final class Case {

    final long seed;
    final String prefix;
    final List<JobFired> fires = new ArrayList<>();
    final List<ExecutionFinished> results = new ArrayList<>();

    Case(long seed, String world) {
      this.seed = seed;
      this.prefix = "prop-" + seed + "-" + world + "-";
      var random = new Random(seed);
      int jobCount = 1 + random.nextInt(3);
      for (int j = 0; j < jobCount; j++) {
        var job = definition(prefix + j);
        if (random.nextInt(5) > 0) {
          jobs.insertIfAbsent(job);
          if (random.nextBoolean()) {
            jdbc.sql(
                    "UPDATE jobs SET last_run_at = :at, last_run_status = 'SUCCEEDED'"
                        + " WHERE id = :id")
                .param("at", instant(random).atOffset(ZoneOffset.UTC))
                .param("id", job.id())
                .update();
          }
        }
        addRuns(job, random);
      }
      Collections.shuffle(fires, random);
      Collections.shuffle(results, random);
      // Delivered twice: a copy of a record further on.
      duplicate(fires, random);
      duplicate(results, random);
    }

    private void addRuns(JobDefinition job, Random random) {
      int occurrences = 1 + random.nextInt(4);
      for (int k = 0; k < occurrences; k++) {
        var fire =
            random.nextInt(4) == 0
                ? JobFired.manual(job, "r" + k, instant(random))
                : JobFired.scheduled(job, BASE.plusSeconds(3600L * k), instant(random), 0);
        addAttempt(fire, random);
        if (random.nextInt(3) == 0) {
          var scheduled = fire.scheduledAt();
          addAttempt(
              JobFired.retry(
                  job, fire.fireId(), scheduled, 2, instant(random), instant(random), null),
              random);
        }
      }
    }

    private void addAttempt(JobFired fire, Random random) {
      fires.add(fire);
      // None, one, or two results (two workers ran it) of different outcomes.
      int outcomes = random.nextInt(3);
      for (int i = 0; i < outcomes; i++) {
        var started = instant(random);
        var detail = JsonNodeFactory.instance.objectNode().put("worker", i);
        results.add(
            random.nextBoolean()
                ? ExecutionFinished.succeeded(fire, "w" + i, started, started.plusMillis(1), detail)
                : ExecutionFinished.failed(
                    fire, "w" + i, started, started.plusMillis(1), detail, "failed " + i));
      }
    }

    private static <T> void duplicate(List<T> records, Random random) {
      int copies = records.isEmpty() ? 0 : random.nextInt(3);
      for (int c = 0; c < copies; c++) {
        int from = random.nextInt(records.size());
        int to = from + random.nextInt(records.size() - from + 1);
        records.add(to, records.get(from));
      }
    }

    /** Every row this case wrote, its world's name left out, in a stable order. */
    List<String> rows() {
      var rows = new ArrayList<String>();
      jdbc.sql(
              """
              SELECT fire_id, attempt, job_id, trigger, status, scheduled_at, due_at, started_at,
                     finished_at, worker_id, detail::text AS detail, error
              FROM executions WHERE job_id LIKE :prefix ORDER BY fire_id, attempt
              """)
          .param("prefix", prefix + "%")
          .query()
          .listOfRows()
          .forEach(row -> rows.add(withoutWorld(row)));
      jdbc.sql(
              """
              SELECT id, last_run_at, last_run_status, scheduled_runs, last_scheduled_at
              FROM jobs WHERE id LIKE :prefix ORDER BY id
              """)
          .param("prefix", prefix + "%")
          .query()
          .listOfRows()
          .forEach(row -> rows.add(withoutWorld(row)));
      return rows;
    }

    private String withoutWorld(Map<String, Object> row) {
      return row.toString().replace(prefix, "job-");
    }

    private static Instant instant(Random random) {
      return BASE.plusMillis(random.nextInt(4));
    }

    private static JobDefinition definition(String id) {
      var body = Jobs.definition(id, "\"every\": \"PT1H\", \"startAt\": \"2030-01-01T00:00:00Z\"");
      return JobDefinitionCodec.parse(body.getBytes(StandardCharsets.UTF_8), null)
          .withVersion(1, BASE, BASE);
    }
  }
}
