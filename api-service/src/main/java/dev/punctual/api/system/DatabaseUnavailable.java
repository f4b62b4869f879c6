package dev.punctual.api.system;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells failures that pass when PostgreSQL is reachable again (answered 503 with {@code
 * Retry-After}) from those that are bugs (500).
 */
final class DatabaseUnavailable {

  private DatabaseUnavailable() {}

  /**
   * Whether {@code e} or one of its causes says the database cannot be reached right now. A commit
   * or rollback that failed ({@link TransactionSystemException}) counts too: the connection broke
   * under the transaction, e.g. when the server went away.
   */
  static boolean isCauseOf(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof CannotCreateTransactionException
          || t instanceof TransactionSystemException
          || t instanceof DataAccessResourceFailureException
          || t instanceof TransientDataAccessException
          || t instanceof RecoverableDataAccessException
          || t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException sql && isUnavailable(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code e} is a clash with a concurrent transaction (deadlock, lock timeout). */
  static boolean isConcurrencyFailure(Throwable e) {
    return e instanceof ConcurrencyFailureException;
  }

  /**
   * SQLSTATE classes 08 (connection exception), 53 (insufficient resources) and 57P (operator
   * intervention: the server shuts down or restarts), and 25006 (read-only transaction: the write
   * reached a replica or a primary fenced for a failover; the pool drops that connection, see
   * {@link EvictReadOnlyConnections}, and the next one goes to the new primary).
   */
  private static boolean isUnavailable(String state) {
    return state != null
        && (state.startsWith("08")
            || state.startsWith("53")
            || state.startsWith("57P")
            || state.equals(EvictReadOnlyConnections.READ_ONLY_TRANSACTION));
  }
}
