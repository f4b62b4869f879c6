package dev.punctual.api.retention;

import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One purge batch per call, each in its own transaction under a transaction-level advisory lock: of
 * several API instances only one purges at a time, and a lock dies with its transaction, so an
 * instance that crashes holds nothing (the outbox relay locks its buckets the same way).
 */
@Repository
class RetentionPurges {

  /** The first key of the purge's advisory lock ("PURG"); the outbox's buckets use another. */
  static final int LOCK_CLASS = 0x50555247;

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  RetentionPurges(JdbcClient jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  /**
   * Deletes at most {@code limit} rows of {@code table} dated before {@code before}; how many. 0
   * also when another instance is purging that table right now.
   */
  int purgeBatch(RetainedTable table, Instant before, int limit) {
    Integer deleted =
        transactions.execute(
            status -> {
              if (!tryLock(table)) {
                return 0;
              }
              return jdbc.sql(table.purgeStatement())
                  .param("before", before.atOffset(ZoneOffset.UTC))
                  .param("limit", limit)
                  .update();
            });
    return deleted == null ? 0 : deleted;
  }

  private boolean tryLock(RetainedTable table) {
    return Boolean.TRUE.equals(
        jdbc.sql("SELECT pg_try_advisory_xact_lock(:lockClass, :table)")
            .param("lockClass", LOCK_CLASS)
            .param("table", table.ordinal())
            .query(Boolean.class)
            .single());
  }
}
