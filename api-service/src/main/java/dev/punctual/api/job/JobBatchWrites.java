package dev.punctual.api.job;

import dev.punctual.model.job.JobDefinition;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code jobs} table, a batch of jobs at a time: one statement for many rows where {@link
 * JobRepository} writes one row per statement, with the same outcome.
 */
@Repository
public class JobBatchWrites {

  private final JdbcClient jdbc;

  JobBatchWrites(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The jobs of these ids that exist, by id, their rows locked in id order until the transaction
   * ends (as {@link JobRepository#findForUpdate} locks one).
   */
  public Map<String, JobRow> findAllForUpdate(Collection<String> ids) {
    return jdbc
        .sql(
            "SELECT "
                + JobRepository.COLUMNS
                + " FROM jobs WHERE id = ANY(CAST(:ids AS text[])) ORDER BY id FOR UPDATE")
        .param("ids", ids.stream().distinct().toArray(String[]::new))
        .query(JobRepository::read)
        .list()
        .stream()
        .collect(Collectors.toMap(JobRow::id, Function.identity()));
  }

  /** Inserts the jobs, skipping those whose id exists; how many were inserted. */
  public int insertAllIfAbsent(List<JobDefinition> definitions) {
    return jdbc.sql(
            """
            INSERT INTO jobs (id, namespace, name, definition, status, version, created_at,
                              updated_at)
            SELECT * FROM unnest(CAST(:ids AS text[]), CAST(:namespaces AS text[]),
                                 CAST(:names AS text[]), CAST(:definitions AS jsonb[]),
                                 CAST(:statuses AS text[]), CAST(:versions AS bigint[]),
                                 CAST(:createdAt AS timestamptz[]),
                                 CAST(:updatedAt AS timestamptz[]))
            ON CONFLICT (id) DO NOTHING
            """)
        .params(columns(definitions))
        .update();
  }

  /** Replaces the stored definitions of existing jobs, as {@link JobRepository#update} does. */
  public void updateAll(List<JobDefinition> definitions) {
    int updated =
        jdbc.sql(
                """
                UPDATE jobs SET namespace = job.namespace, name = job.name,
                  definition = job.definition,
                  paused_reason = CASE WHEN jobs.status = job.status THEN paused_reason END,
                  consecutive_failures = CASE WHEN jobs.status = job.status
                                              THEN consecutive_failures ELSE 0 END,
                  status = job.status, version = job.version,
                  created_at = job.created_at, updated_at = job.updated_at
                FROM unnest(CAST(:ids AS text[]), CAST(:namespaces AS text[]),
                            CAST(:names AS text[]), CAST(:definitions AS jsonb[]),
                            CAST(:statuses AS text[]), CAST(:versions AS bigint[]),
                            CAST(:createdAt AS timestamptz[]), CAST(:updatedAt AS timestamptz[]))
                     AS job(id, namespace, name, definition, status, version, created_at,
                            updated_at)
                WHERE jobs.id = job.id
                """)
            .params(columns(definitions))
            .update();
    if (updated != definitions.size()) {
      throw new IllegalStateException(
          "jobs vanished while their rows were locked; this indicates a bug");
    }
  }

  /** Deletes the jobs and their execution history, as {@link JobRepository#delete} does. */
  public void deleteAll(Collection<String> ids) {
    var array = ids.toArray(String[]::new);
    jdbc.sql("DELETE FROM jobs WHERE id = ANY(CAST(:ids AS text[]))").param("ids", array).update();
    jdbc.sql("DELETE FROM executions WHERE job_id = ANY(CAST(:ids AS text[]))")
        .param("ids", array)
        .update();
    jdbc.sql("DELETE FROM missed_occurrences WHERE job_id = ANY(CAST(:ids AS text[]))")
        .param("ids", array)
        .update();
  }

  /** The columns of the rows, one text array each, which the statements cast. */
  private static Map<String, Object> columns(List<JobDefinition> definitions) {
    return Map.of(
        "ids", texts(definitions, JobDefinition::id),
        "namespaces", texts(definitions, JobDefinition::namespace),
        "names", texts(definitions, JobDefinition::name),
        "definitions", texts(definitions, JobRepository::json),
        "statuses", texts(definitions, JobRepository::status),
        "versions", texts(definitions, definition -> String.valueOf(definition.version())),
        "createdAt", texts(definitions, definition -> String.valueOf(definition.createdAt())),
        "updatedAt", texts(definitions, definition -> String.valueOf(definition.updatedAt())));
  }

  private static String[] texts(
      List<JobDefinition> definitions, Function<JobDefinition, String> column) {
    return definitions.stream().map(column).toArray(String[]::new);
  }
}
