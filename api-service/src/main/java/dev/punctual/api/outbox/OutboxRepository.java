package dev.punctual.api.outbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code outbox} table. Its {@code bucket} column is derived from the job id by the database
 * (see {@code db/punctual-api/V1__jobs_outbox_executions.sql}), so every instance agrees on it.
 */
@Repository
class OutboxRepository {

  /** Must match the {@code bucket} column's definition in the schema. */
  static final int BUCKETS = 16;

  /**
   * The first key of the advisory locks of the outbox buckets ("PUNC"); the second is the bucket.
   */
  static final int LOCK_CLASS = 0x50554E43;

  private final JdbcClient jdbc;

  OutboxRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void append(
      RecordKind kind, String jobId, byte @Nullable [] payload, TraceContext trace, Instant now) {
    jdbc.sql(
            """
            INSERT INTO outbox (kind, job_id, payload, trace_parent, trace_state, created_at)
            VALUES (:kind, :jobId, :payload, :traceParent, :traceState, :now)
            """)
        .param("kind", kind.name())
        .param("jobId", jobId)
        .param("payload", payload)
        .param("traceParent", trace.traceparent())
        .param("traceState", trace.tracestate())
        .param("now", now.atOffset(ZoneOffset.UTC))
        .update();
  }

  /** Appends rows in this order (their ids ascending), in one statement. */
  void appendAll(RecordKind kind, List<Outbox.JobRecord> records, TraceContext trace, Instant now) {
    jdbc.sql(
            """
            INSERT INTO outbox (kind, job_id, payload, trace_parent, trace_state, created_at)
            SELECT CAST(:kind AS text), job_id, payload, CAST(:traceParent AS text),
                   CAST(:traceState AS text), CAST(:now AS timestamptz)
            FROM unnest(CAST(:jobIds AS text[]), CAST(:payloads AS bytea[]))
                 WITH ORDINALITY AS record(job_id, payload, position)
            ORDER BY position
            """)
        .param("kind", kind.name())
        .param("jobIds", records.stream().map(Outbox.JobRecord::jobId).toArray(String[]::new))
        .param(
            "payloads", records.stream().map(Outbox.JobRecord::definition).toArray(byte[][]::new))
        .param("traceParent", trace.traceparent())
        .param("traceState", trace.tracestate())
        .param("now", now.atOffset(ZoneOffset.UTC))
        .update();
  }

  /** The buckets that hold at least one row: one index probe per bucket. */
  List<Integer> bucketsWithBacklog() {
    return jdbc.sql(
            """
            SELECT b FROM generate_series(0, :last) AS b
            WHERE EXISTS (SELECT 1 FROM outbox WHERE bucket = b)
            """)
        .param("last", BUCKETS - 1)
        .query(Integer.class)
        .list();
  }

  /**
   * Takes the bucket's lock until the current transaction ends, unless another transaction holds
   * it; whether it was taken.
   */
  boolean tryLockBucket(int bucket) {
    return Boolean.TRUE.equals(
        jdbc.sql("SELECT pg_try_advisory_xact_lock(:lockClass, :bucket)")
            .param("lockClass", LOCK_CLASS)
            .param("bucket", bucket)
            .query(Boolean.class)
            .single());
  }

  /**
   * The oldest row of each job in the bucket, the oldest first: at most one row per job, so that a
   * job's next row is published only after Kafka acknowledged the previous one (and its deletion
   * committed). Then a failure can never leave a job's later record on the topic without an earlier
   * one, nor publish an earlier one after a later one. The bucket's advisory lock keeps other
   * relays away; only relays delete rows, so no row lock is needed.
   */
  List<OutboxRow> oldestOfEachJob(int bucket, int limit) {
    return jdbc.sql(
            """
            SELECT o.id, o.kind, o.job_id, o.payload, o.trace_parent, o.trace_state FROM outbox o
            WHERE o.bucket = :bucket
              AND NOT EXISTS (SELECT 1 FROM outbox earlier
                              WHERE earlier.job_id = o.job_id AND earlier.id < o.id)
            ORDER BY o.id LIMIT :limit
            """)
        .param("bucket", bucket)
        .param("limit", limit)
        .query(
            (row, n) ->
                new OutboxRow(
                    row.getLong("id"),
                    RecordKind.valueOf(row.getString("kind")),
                    row.getString("job_id"),
                    row.getBytes("payload"),
                    new TraceContext(row.getString("trace_parent"), row.getString("trace_state"))))
        .list();
  }

  void delete(List<OutboxRow> rows) {
    jdbc.sql("DELETE FROM outbox WHERE id IN (:ids)")
        .param("ids", rows.stream().map(OutboxRow::id).toList())
        .update();
  }

  boolean hasPending(String jobId) {
    return Boolean.TRUE.equals(
        jdbc.sql("SELECT EXISTS (SELECT 1 FROM outbox WHERE job_id = :jobId)")
            .param("jobId", jobId)
            .query(Boolean.class)
            .single());
  }

  long backlog() {
    return jdbc.sql("SELECT count(*) FROM outbox").query(Long.class).single();
  }
}
