package dev.punctual.api.execution;

import dev.punctual.model.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the {@code executions} table. */
@Repository
class ExecutionRepository {

  private static final String COLUMNS =
      """
      seq, fire_id, attempt, trigger, status, scheduled_at, due_at, started_at, finished_at,
      worker_id, detail, error""";

  private final JdbcClient jdbc;

  ExecutionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  boolean jobExists(String jobId) {
    return namespaceOfJob(jobId).isPresent();
  }

  /** The namespace of the job, if it exists. */
  java.util.Optional<String> namespaceOfJob(String jobId) {
    return jdbc.sql("SELECT namespace FROM jobs WHERE id = :id")
        .param("id", jobId)
        .query(String.class)
        .optional();
  }

  /**
   * Up to {@code limit} attempts of the job older than {@code beforeSequence}, newest first; only
   * those with {@code status} when it is given.
   */
  List<Execution> newestFirst(
      String jobId, @Nullable String status, @Nullable Long beforeSequence, int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM executions WHERE job_id = :jobId AND seq < :before"
                + (status == null ? "" : " AND status = :status")
                + " ORDER BY seq DESC LIMIT :limit")
        .param("jobId", jobId)
        .param("before", beforeSequence == null ? Long.MAX_VALUE : beforeSequence)
        .param("limit", limit)
        .param("status", status)
        .query(ExecutionRepository::read)
        .list();
  }

  /** The job of a fire and every attempt of it known so far, first attempt first. */
  Optional<FireExecutions> attemptsOf(String fireId) {
    var rows =
        jdbc.sql(
                "SELECT job_id, "
                    + COLUMNS
                    + " FROM executions WHERE fire_id = :fireId ORDER BY attempt")
            .param("fireId", fireId)
            .query((row, n) -> Map.entry(row.getString("job_id"), read(row, n)))
            .list();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new FireExecutions(
            fireId, rows.getFirst().getKey(), rows.stream().map(Map.Entry::getValue).toList()));
  }

  private static Execution read(ResultSet row, int rowNumber) throws SQLException {
    var detail = row.getString("detail");
    return new Execution(
        row.getString("fire_id"),
        row.getInt("attempt"),
        row.getString("trigger"),
        row.getString("status"),
        instant(row, "scheduled_at"),
        instant(row, "due_at"),
        instant(row, "started_at"),
        instant(row, "finished_at"),
        row.getString("worker_id"),
        detail == null ? null : Json.MAPPER.readTree(detail),
        row.getString("error"),
        row.getLong("seq"));
  }

  private static @Nullable Instant instant(ResultSet row, String column) throws SQLException {
    var value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
