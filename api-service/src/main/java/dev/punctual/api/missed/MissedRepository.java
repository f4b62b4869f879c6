package dev.punctual.api.missed;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the {@code missed_occurrences} table. */
@Repository
class MissedRepository {

  private final JdbcClient jdbc;

  MissedRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The namespace of the job, if it exists. */
  Optional<String> namespaceOfJob(String jobId) {
    return jdbc.sql("SELECT namespace FROM jobs WHERE id = :id")
        .param("id", jobId)
        .query(String.class)
        .optional();
  }

  /** Up to {@code limit} records of the job older than {@code beforeSequence}, newest first. */
  List<Missed> newestFirst(String jobId, @Nullable Long beforeSequence, int limit) {
    return jdbc.sql(
            """
            SELECT seq, reason, policy, from_at, to_at, count, fired_scheduled_at, detected_at
            FROM missed_occurrences WHERE job_id = :jobId AND seq < :before
            ORDER BY seq DESC LIMIT :limit
            """)
        .param("jobId", jobId)
        .param("before", beforeSequence == null ? Long.MAX_VALUE : beforeSequence)
        .param("limit", limit)
        .query(MissedRepository::read)
        .list();
  }

  private static Missed read(ResultSet row, int rowNumber) throws SQLException {
    return new Missed(
        row.getString("reason"),
        row.getString("policy"),
        instant(row, "from_at"),
        instant(row, "to_at"),
        row.getLong("count"),
        row.getObject("fired_scheduled_at") == null ? null : instant(row, "fired_scheduled_at"),
        instant(row, "detected_at"),
        row.getLong("seq"));
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    return row.getObject(column, OffsetDateTime.class).toInstant();
  }
}
