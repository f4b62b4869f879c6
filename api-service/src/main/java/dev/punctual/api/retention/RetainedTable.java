package dev.punctual.api.retention;

/**
 * A table the retention purges: its name, the column that dates a row (each has an index, so a
 * batch is an index range scan), and the key a batch selects its rows by.
 */
enum RetainedTable {
  EXECUTIONS("executions", "due_at", "fire_id, attempt"),
  MISSED_OCCURRENCES("missed_occurrences", "detected_at", "seq"),
  AUDIT_LOG("audit_log", "at", "id");

  private final String table;
  private final String datedBy;
  private final String key;

  RetainedTable(String table, String datedBy, String key) {
    this.table = table;
    this.datedBy = datedBy;
    this.key = key;
  }

  String table() {
    return table;
  }

  /**
   * Deletes at most {@code :limit} rows dated before {@code :before}, the oldest first; rows
   * another transaction holds (a projection completing an attempt) are skipped, not waited for. The
   * names are this enum's constants, never input.
   */
  String purgeStatement() {
    return "DELETE FROM %1$s WHERE (%3$s) IN (SELECT %3$s FROM %1$s WHERE %2$s < :before ORDER BY %2$s LIMIT :limit FOR UPDATE SKIP LOCKED)"
        .formatted(table, datedBy, key);
  }
}
