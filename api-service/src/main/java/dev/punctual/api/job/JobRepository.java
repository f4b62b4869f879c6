package dev.punctual.api.job;

import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.json.JobDefinitionCodec;
import dev.punctual.model.json.Json;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/** The {@code jobs} table. */
@Repository
public class JobRepository {

  static final String COLUMNS =
      "id, definition, last_run_at, last_run_status, scheduled_runs, paused_reason";

  private final JdbcClient jdbc;

  JobRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts the job unless one with its id exists; whether it was inserted. */
  public boolean insertIfAbsent(JobDefinition definition) {
    return insertIfAbsent(CanonicalJob.of(definition));
  }

  /** {@link #insertIfAbsent(JobDefinition)} with the definition's JSON already serialized. */
  boolean insertIfAbsent(CanonicalJob job) {
    var definition = job.definition();
    return jdbc.sql(
                """
                INSERT INTO jobs (id, namespace, name, definition, status, version, created_at,
                                  updated_at)
                VALUES (:id, :namespace, :name, CAST(:definition AS jsonb), :status, :version,
                        :createdAt, :updatedAt)
                ON CONFLICT (id) DO NOTHING
                """)
            .paramSource(columns(definition, job.text()))
            .update()
        == 1;
  }

  /**
   * Inserts those of the jobs whose id is not taken, in one statement; the ids inserted. Rows are
   * inserted in id order, so that concurrent batches take their row locks in one order. The ids
   * must be distinct.
   */
  Set<String> insertAllIfAbsent(List<CanonicalJob> jobs) {
    var sortedJobs = jobs.stream().sorted(Comparator.comparing(CanonicalJob::id)).toList();
    var sorted = sortedJobs.stream().map(CanonicalJob::definition).toList();
    var inserted =
        jdbc.sql(
                """
                INSERT INTO jobs (id, namespace, name, definition, status, version, created_at,
                                  updated_at)
                SELECT id, namespace, name, CAST(definition AS jsonb), status, version,
                       CAST(created_at AS timestamptz), CAST(updated_at AS timestamptz)
                FROM unnest(:ids, :namespaces, :names, :definitions, :statuses, :versions,
                            :createdAt, :updatedAt)
                     WITH ORDINALITY AS j(id, namespace, name, definition, status, version,
                                          created_at, updated_at, n)
                ORDER BY n
                ON CONFLICT (id) DO NOTHING
                RETURNING id
                """)
            .param("ids", texts(sorted, JobDefinition::id))
            .param("namespaces", texts(sorted, JobDefinition::namespace))
            .param("names", texts(sorted, JobDefinition::name))
            .param(
                "definitions",
                new SqlArrayValue("text", sortedJobs.stream().map(CanonicalJob::text).toArray()))
            .param("statuses", texts(sorted, d -> d.paused() ? "PAUSED" : "ACTIVE"))
            .param(
                "versions",
                new SqlArrayValue("bigint", sorted.stream().map(JobDefinition::version).toArray()))
            .param("createdAt", texts(sorted, d -> String.valueOf(d.createdAt())))
            .param("updatedAt", texts(sorted, d -> String.valueOf(d.updatedAt())))
            .query(String.class)
            .list();
    return new HashSet<>(inserted);
  }

  private static SqlArrayValue texts(
      List<JobDefinition> definitions, Function<JobDefinition, @Nullable String> column) {
    return new SqlArrayValue("text", definitions.stream().map(column).toArray());
  }

  /**
   * Replaces the stored definition of an existing job (runs and last-run fields are kept). A pause
   * or a resume clears the paused reason and the count of consecutive failures.
   */
  public void update(JobDefinition definition) {
    int updated =
        jdbc.sql(
                """
                UPDATE jobs SET namespace = :namespace, name = :name,
                  definition = CAST(:definition AS jsonb),
                  paused_reason = CASE WHEN status = :status THEN paused_reason END,
                  consecutive_failures = CASE WHEN status = :status
                                              THEN consecutive_failures ELSE 0 END,
                  status = :status, version = :version, created_at = :createdAt,
                  updated_at = :updatedAt
                WHERE id = :id
                """)
            .paramSource(columns(definition))
            .update();
    if (updated != 1) {
      throw new IllegalStateException(
          "job " + definition.id() + " vanished while its row was locked; this indicates a bug");
    }
  }

  Optional<JobRow> find(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM jobs WHERE id = :id")
        .param("id", id)
        .query(JobRepository::read)
        .optional();
  }

  /**
   * The job, with its row locked until the transaction ends, so that writes of one job are
   * serialised (and their outbox rows follow commit order).
   */
  public Optional<JobRow> findForUpdate(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM jobs WHERE id = :id FOR UPDATE")
        .param("id", id)
        .query(JobRepository::read)
        .optional();
  }

  /**
   * Up to {@code limit} jobs with an id after {@code afterId} (all when null), by id, that may
   * match the filter: exactly those for no status or {@code PAUSED}; for {@code ACTIVE} and {@code
   * COMPLETED} (derived when read) candidates the caller filters further.
   */
  List<JobRow> candidatesAfter(@Nullable String afterId, JobFilter filter, int limit) {
    var sql = new StringBuilder("SELECT " + COLUMNS + " FROM jobs WHERE id > :after");
    if (filter.status() != null) {
      sql.append(
          switch (filter.status()) {
            case PAUSED -> " AND status = 'PAUSED'";
            case ACTIVE -> " AND status = 'ACTIVE'";
            case COMPLETED -> " AND status = 'ACTIVE' AND bounded";
          });
    }
    if (filter.namePrefix() != null) {
      sql.append(" AND lower(name) LIKE :namePattern ESCAPE '\\'");
    }
    if (filter.namespace() != null) {
      sql.append(" AND namespace = :namespace");
    }
    if (filter.callerNamespace() != null) {
      sql.append(" AND namespace = :callerNamespace");
    }
    if (!filter.labels().isEmpty()) {
      // Containment, which the GIN index jobs_labels serves: every asked label is among the job's.
      sql.append(" AND definition -> 'labels' @> CAST(:labels AS jsonb)");
    }
    sql.append(" ORDER BY id LIMIT :limit");
    var statement =
        jdbc.sql(sql.toString())
            // Every id is non-empty and the column's collation is "C" (byte order): '' precedes
            // all.
            .param("after", afterId == null ? "" : afterId)
            .param("limit", limit);
    if (filter.namePrefix() != null) {
      statement = statement.param("namePattern", likePrefix(filter.namePrefix()));
    }
    if (filter.namespace() != null) {
      statement = statement.param("namespace", filter.namespace());
    }
    if (filter.callerNamespace() != null) {
      statement = statement.param("callerNamespace", filter.callerNamespace());
    }
    if (!filter.labels().isEmpty()) {
      statement = statement.param("labels", Json.toText(filter.labels()));
    }
    return statement.query(JobRepository::read).list();
  }

  /** Up to {@code limit} ids after {@code afterId}, by id. */
  public List<String> idsAfter(@Nullable String afterId, int limit) {
    return jdbc.sql("SELECT id FROM jobs WHERE id > :after ORDER BY id LIMIT :limit")
        .param("after", afterId == null ? "" : afterId)
        .param("limit", limit)
        .query(String.class)
        .list();
  }

  /**
   * Deletes the job and its execution history (a job created again later under the same id starts
   * with none); whether there was such a job.
   */
  public boolean delete(String id) {
    var deleted = jdbc.sql("DELETE FROM jobs WHERE id = :id").param("id", id).update();
    if (deleted == 0) {
      return false;
    }
    jdbc.sql("DELETE FROM executions WHERE job_id = :id").param("id", id).update();
    jdbc.sql("DELETE FROM missed_occurrences WHERE job_id = :id").param("id", id).update();
    return true;
  }

  /** {@code prefix} lower-cased, LIKE wildcards escaped, followed by {@code %}. */
  static String likePrefix(String prefix) {
    return prefix
            .toLowerCase(java.util.Locale.ROOT)
            .replace("\\", "\\\\")
            .replace("%", "\\%")
            .replace("_", "\\_")
        + "%";
  }

  private static org.springframework.jdbc.core.namedparam.MapSqlParameterSource columns(
      JobDefinition definition) {
    return columns(definition, json(definition));
  }

  private static org.springframework.jdbc.core.namedparam.MapSqlParameterSource columns(
      JobDefinition definition, String json) {
    return new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
        .addValue("id", definition.id())
        .addValue("namespace", definition.namespace())
        .addValue("name", definition.name())
        .addValue("definition", json)
        .addValue("status", status(definition))
        .addValue("version", definition.version())
        .addValue("createdAt", utc(definition.createdAt()))
        .addValue("updatedAt", utc(definition.updatedAt()));
  }

  static JobRow read(ResultSet row, int rowNumber) throws SQLException {
    var definition =
        JobDefinitionCodec.parse(
            row.getString("definition").getBytes(StandardCharsets.UTF_8), null);
    return new JobRow(
        definition,
        instant(row, "last_run_at"),
        row.getString("last_run_status"),
        row.getLong("scheduled_runs"),
        row.getString("paused_reason"));
  }

  /** The stored status: ACTIVE or PAUSED (COMPLETED is derived when read). */
  static String status(JobDefinition definition) {
    return definition.paused() ? "PAUSED" : "ACTIVE";
  }

  static String json(JobDefinition definition) {
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
