package dev.punctual.api.job.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.punctual.api.audit.AuditLog;
import dev.punctual.api.job.JobBatchWrites;
import dev.punctual.api.job.JobRepository;
import dev.punctual.api.outbox.Outbox;
import dev.punctual.api.testing.ApiIntegrationTest;
import dev.punctual.api.testing.Jobs;
import dev.punctual.model.json.JobDefinitionCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The jobs projection applies a polled batch with a few statements ({@link WriteBatch}); whatever
 * the records (new jobs, changes with and without a version, stale versions, tombstones, the API's
 * own records, duplicates) and however they are split into batches, it ends in the same jobs,
 * outbox and audit rows as applying them one per transaction ({@link WriteAtOnce}).
 *
 * <p>A job another writer creates while a batch is applied fails the batch, which the loop then
 * applies one record per transaction (where the record becomes a change of that job).
 *
 * <p>Each case is drawn from its seed, and a failure names the seed that replays it (hand-written
 * rather than with jqwik, see {@code ExecutionBatchWritesIT}). Each case runs in a transaction that
 * is rolled back, so the outbox relay never publishes (and deletes) the rows it compares.
 */
class ProjectJobsBatchIT extends ApiIntegrationTest {

  private static final Instant BASE = Instant.parse("2027-06-01T00:00:00Z");

  @Autowired private ProjectJobs projectJobs;
  @Autowired private JobRepository jobs;
  @Autowired private TransactionTemplate transactions;
  @Autowired private PlatformTransactionManager transactionManager;
  @Autowired private JobBatchWrites batchWrites;
  @Autowired private Outbox outbox;
  @Autowired private AuditLog auditLog;

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 60);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void batchesEndInTheRowsOfRecordsAppliedOneByOne(long seed) {
    transactions.executeWithoutResult(
        status -> {
          var expected = oneByOne(seed);
          var actual = inBatches(seed);
          status.setRollbackOnly();
          assertThat(actual).as("seed %d", seed).isEqualTo(expected);
        });
  }

  @Test
  void aJobCreatedMeanwhileFailsTheBatchSoThatTheLoopAppliesItRecordByRecord() {
    var id = "pj-meanwhile-" + UUID.randomUUID();
    var stored =
        JobDefinitionCodec.parse(definition(id, "topic", null).getBytes(StandardCharsets.UTF_8), id)
            .withVersion(1, BASE, BASE);
    var otherWriter = new TransactionTemplate(transactionManager);
    otherWriter.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

    assertThatThrownBy(
            () ->
                transactions.executeWithoutResult(
                    status -> {
                      var batch = new WriteBatch(batchWrites, outbox, auditLog, List.of(id));
                      // The REST API creates the job after the batch found no row for it.
                      otherWriter.executeWithoutResult(other -> jobs.insertIfAbsent(stored));
                      batch.insertIfAbsent(stored);
                      batch.flush();
                    }))
        // What makes ProjectTopic apply the batch again one record per transaction.
        .isInstanceOf(DataIntegrityViolationException.class)
        .hasMessageContaining("created meanwhile");
    assertThat(pendingInOutbox(id)).isZero();
  }

  private List<String> oneByOne(long seed) {
    var prefix = "pj-" + seed + "-one-";
    for (var record : records(seed, prefix)) {
      projectJobs.apply(record, source(record));
    }
    return rows(prefix);
  }

  private List<String> inBatches(long seed) {
    var prefix = "pj-" + seed + "-batch-";
    var records = records(seed, prefix);
    var random = new Random(seed * 31 + 7);
    int from = 0;
    while (from < records.size()) {
      int to = Math.min(records.size(), from + 1 + random.nextInt(records.size()));
      var batch = new ArrayList<>(records.subList(from, to));
      batch.sort(Comparator.comparing(ProjectJobs.JobRecord::jobId)); // as the loop orders it
      projectJobs.applyAll(batch);
      from = to;
    }
    return rows(prefix);
  }

  /** The case's records in topic order, after creating the jobs the database already holds. */
  private List<ProjectJobs.JobRecord> records(long seed, String prefix) {
    var random = new Random(seed);
    int jobCount = 1 + random.nextInt(3);
    for (int j = 0; j < jobCount; j++) {
      if (random.nextBoolean()) {
        var body = definition(prefix + j, "stored", 1 + random.nextInt(3));
        jobs.insertIfAbsent(
            JobDefinitionCodec.parse(body.getBytes(StandardCharsets.UTF_8), null)
                .withVersion(1 + random.nextInt(3), BASE, BASE));
      }
    }
    var records = new ArrayList<ProjectJobs.JobRecord>();
    int count = 1 + random.nextInt(12);
    for (int i = 0; i < count; i++) {
      var jobId = prefix + random.nextInt(jobCount);
      var produced = BASE.plusSeconds(1 + i);
      var record =
          switch (random.nextInt(6)) {
            case 0 -> new ProjectJobs.JobRecord(jobId, null, false, produced);
            case 1 -> new ProjectJobs.JobRecord(jobId, null, true, produced);
            default -> {
              var name = random.nextBoolean() ? "a" : "b";
              Integer version = random.nextBoolean() ? null : 1 + random.nextInt(5);
              var body = definition(jobId, name, version);
              yield new ProjectJobs.JobRecord(
                  jobId,
                  JobDefinitionCodec.parse(body.getBytes(StandardCharsets.UTF_8), jobId),
                  false,
                  produced);
            }
          };
      records.add(record);
      if (random.nextInt(5) == 0) {
        records.add(record); // delivered twice
      }
    }
    return records;
  }

  /**
   * The case's rows of jobs, outbox and audit log without its world's name; the outbox and audit
   * rows of each job in order (a batch is applied by job, so the jobs' rows interleave otherwise).
   */
  private List<String> rows(String prefix) {
    var rows = new ArrayList<String>();
    for (var sql :
        List.of(
            "SELECT id, namespace, name, definition::text AS definition, status, version,"
                + " created_at, updated_at, last_run_at, scheduled_runs FROM jobs"
                + " WHERE id LIKE :prefix ORDER BY id",
            "SELECT kind, job_id, convert_from(payload, 'UTF8') AS payload FROM outbox"
                + " WHERE job_id LIKE :prefix ORDER BY job_id, id",
            "SELECT actor, action, job_id, version, remote_address, outcome, status, detail"
                + " FROM audit_log WHERE job_id LIKE :prefix ORDER BY job_id, id")) {
      jdbc.sql(sql)
          .param("prefix", prefix + "%")
          .query()
          .listOfRows()
          .forEach(row -> rows.add(row.toString().replace(prefix, "job-")));
    }
    return rows;
  }

  private static String definition(String id, String name, Integer version) {
    var body = Jobs.named(id, name, "\"every\": \"PT1H\", \"startAt\": \"2030-01-01T00:00:00Z\"");
    return version == null
        ? body
        : body.replace("\"paused\": false", "\"paused\": false, \"version\": " + version);
  }

  private static ConsumerRecord<String, byte[]> source(ProjectJobs.JobRecord record) {
    return new ConsumerRecord<>("scheduler.jobs", 0, 0, record.jobId(), new byte[0]);
  }
}
