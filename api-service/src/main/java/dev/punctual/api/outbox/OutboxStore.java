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
class OutboxStore {

  /** Must match the {@code bucket} column's definition in the schema. */
  static final int BUCKETS = 16;

  /**
   * The first key of the advisory locks of the outbox buckets ("PUNC"); the second is the bucket.
   */
  private static final int LOCK_CLASS = 0x50554E43;

  private final JdbcClient jdbc;

  OutboxStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void append(RecordKind kind, String jobId, byte @Nullable [] payload, Instant now) {
    jdbc.sql(
            """
            INSERT INTO outbox (kind, job_id, payload, created_at)
            VALUES (:kind, :jobId, :payload, :now)
            """)
        .param("kind", kind.name())
        .param("jobId", jobId)
        .param("payload", payload)
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
   * The oldest rows of a bucket, locked. Not {@code SKIP LOCKED}: skipping a locked row would
   * publish a later row of the same job first. The bucket lock already keeps other relays away.
   */
  List<OutboxRow> oldest(int bucket, int limit) {
    return jdbc.sql(
            """
            SELECT id, kind, job_id, payload FROM outbox WHERE bucket = :bucket
            ORDER BY id LIMIT :limit FOR UPDATE
            """)
        .param("bucket", bucket)
        .param("limit", limit)
        .query(
            (row, n) ->
                new OutboxRow(
                    row.getLong("id"),
                    RecordKind.valueOf(row.getString("kind")),
                    row.getString("job_id"),
                    row.getBytes("payload")))
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
