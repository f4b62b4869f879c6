package dev.punctual.api.job;

import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.json.JobDefinitionCodec;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code jobs} table. */
@Repository
class JobStore {

  private static final String COLUMNS =
      "id, definition, last_run_at, last_run_status, scheduled_runs";

  private final JdbcClient jdbc;

  JobStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts the job unless one with its id exists; whether it was inserted. */
  boolean insertIfAbsent(StoredJob job) {
    var definition = job.definition();
    return jdbc.sql(
                """
                INSERT INTO jobs (id, name, definition, status, version, created_at, updated_at)
                VALUES (:id, :name, CAST(:definition AS jsonb), :status, :version, :createdAt,
                        :updatedAt)
                ON CONFLICT (id) DO NOTHING
                """)
            .param("id", definition.id())
            .param("name", definition.name())
            .param("definition", json(definition))
            .param("status", definition.paused() ? "PAUSED" : "ACTIVE")
            .param("version", definition.version())
            .param("createdAt", utc(definition.createdAt()))
            .param("updatedAt", utc(definition.updatedAt()))
            .update()
        == 1;
  }

  Optional<StoredJob> find(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM jobs WHERE id = :id")
        .param("id", id)
        .query(JobStore::read)
        .optional();
  }

  /** Up to {@code limit} jobs with an id after {@code afterId} (all when null), by id. */
  List<StoredJob> listAfter(@Nullable String afterId, int limit) {
    // Every id is non-empty, and the column's collation is "C" (byte order), so '' precedes all.
    return jdbc.sql("SELECT " + COLUMNS + " FROM jobs WHERE id > :after ORDER BY id LIMIT :limit")
        .param("after", afterId == null ? "" : afterId)
        .param("limit", limit)
        .query(JobStore::read)
        .list();
  }

  /**
   * Deletes the job and its execution history (a job created again later under the same id starts
   * with none); whether there was such a job.
   */
  boolean delete(String id) {
    var deleted = jdbc.sql("DELETE FROM jobs WHERE id = :id").param("id", id).update();
    if (deleted == 0) {
      return false;
    }
    jdbc.sql("DELETE FROM executions WHERE job_id = :id").param("id", id).update();
    return true;
  }

  private static StoredJob read(ResultSet row, int rowNumber) throws SQLException {
    var definition =
        JobDefinitionCodec.parse(
            row.getString("definition").getBytes(StandardCharsets.UTF_8), null);
    return new StoredJob(
        definition,
        instant(row, "last_run_at"),
        row.getString("last_run_status"),
        row.getLong("scheduled_runs"));
  }

  private static String json(JobDefinition definition) {
    return new String(JobDefinitionCodec.toBytes(definition), StandardCharsets.UTF_8);
  }

  static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static @Nullable Instant instant(ResultSet row, String column) throws SQLException {
    var value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
