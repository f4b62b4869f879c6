package dev.punctual.api.system;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Makes the connection pool drop a connection whose write was refused as read-only (SQLSTATE
 * 25006): it leads to a replica or to a primary fenced for a failover, and would refuse every write
 * it is lent for. A new connection from the multi-host URL ({@code targetServerType=primary}) goes
 * to whichever server is the primary by then. Hikari evicts on connection errors (SQLSTATE 08…,
 * 57P01 …) by itself, but keeps a connection that answered 25006, as it still works for reads.
 * Named in {@code spring.datasource.hikari.exception-override-class-name}; Hikari creates it.
 */
public final class EvictReadOnlyConnections implements SQLExceptionOverride {

  static final String READ_ONLY_TRANSACTION = "25006";

  // No @Override: the interface's nested enum Override hides the annotation's simple name.
  public Override adjudicate(SQLException e) {
    return READ_ONLY_TRANSACTION.equals(e.getSQLState())
        ? Override.MUST_EVICT
        : Override.CONTINUE_EVICT;
  }
}
