package dev.punctual.api.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long the API keeps the rows that grow with every fire, under {@code punctual.api.retention}.
 * Each duration is ISO-8601 ({@code P30D}) or Spring's short form ({@code 30d}).
 *
 * @param executions how long an execution (one attempt of a fire) stays in the history of {@code
 *     GET /jobs/{id}/executions}, counted from when it was due ({@code
 *     PUNCTUAL_API_EXECUTIONS_RETENTION}); 30 days by default. A job's run count, last run and last
 *     scheduled occurrence are kept on the job and do not depend on it
 * @param missedOccurrences how long a missed-occurrences record stays in {@code GET
 *     /jobs/{id}/missed}, counted from when it was detected ({@code
 *     PUNCTUAL_API_MISSED_RETENTION}); 30 days by default
 * @param audit how long an audit-log entry stays in {@code GET /admin/audit} ({@code
 *     PUNCTUAL_API_AUDIT_RETENTION}); 365 days by default, since audits look further back than
 *     operations do
 * @param batchSize the most rows one purge statement deletes ({@code
 *     PUNCTUAL_API_RETENTION_BATCH_SIZE}); {@value #DEFAULT_BATCH_SIZE} by default. Each batch is
 *     its own short transaction, so a large backlog never holds locks or a long-running statement
 *     against the projections that write the same tables
 */
@ConfigurationProperties("punctual.api.retention")
public record RetentionProperties(
    Duration executions, Duration missedOccurrences, Duration audit, Integer batchSize) {

  public static final Duration DEFAULT_EXECUTIONS = Duration.ofDays(30);
  public static final Duration DEFAULT_MISSED_OCCURRENCES = Duration.ofDays(30);
  public static final Duration DEFAULT_AUDIT = Duration.ofDays(365);
  public static final int DEFAULT_BATCH_SIZE = 5_000;

  public RetentionProperties {
    executions = executions == null ? DEFAULT_EXECUTIONS : executions;
    missedOccurrences = missedOccurrences == null ? DEFAULT_MISSED_OCCURRENCES : missedOccurrences;
    audit = audit == null ? DEFAULT_AUDIT : audit;
    batchSize = batchSize == null ? DEFAULT_BATCH_SIZE : batchSize;
    require(executions.isPositive(), "executions");
    require(missedOccurrences.isPositive(), "missed-occurrences");
    require(audit.isPositive(), "audit");
    if (batchSize < 1) {
      throw new IllegalArgumentException("punctual.api.retention.batch-size must be at least 1");
    }
  }

  private static void require(boolean positive, String name) {
    if (!positive) {
      throw new IllegalArgumentException("punctual.api.retention." + name + " must be positive");
    }
  }
}
