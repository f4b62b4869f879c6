package dev.punctual.api.testing;

import static org.awaitility.Awaitility.await;

import dev.punctual.embedded.EmbeddedPostgres;
import dev.punctual.embedded.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two real PostgreSQL servers (the embedded binaries), a primary and a streaming replica of it with
 * synchronous replication, that a test can fail over: stop the primary the hard way, promote the
 * replica.
 *
 * <p>The replica is made from a copy of the primary's data directory taken while the primary is
 * stopped (a cold base backup) plus {@code standby.signal} and {@code primary_conninfo}: what
 * {@code pg_basebackup -R} writes, done by hand because the embedded binaries ship no {@code
 * pg_basebackup} (only {@code initdb}, {@code pg_ctl} and {@code postgres}).
 */
public final class ReplicatedPostgres implements AutoCloseable {

  private static final String STANDBY_NAME = "replica";
  private static final List<String> NOT_COPIED = List.of("postmaster.pid", "postmaster.opts");

  private final Path primaryDirectory;
  private final EmbeddedPostgres primary;
  private final EmbeddedPostgres replica;
  private boolean primaryStopped;

  private ReplicatedPostgres(
      Path primaryDirectory, EmbeddedPostgres primary, EmbeddedPostgres replica) {
    this.primaryDirectory = primaryDirectory;
    this.primary = primary;
    this.replica = replica;
  }

  /** Starts a primary and its replica with data under {@code directory}. */
  public static ReplicatedPostgres start(Path directory) {
    var primaryDirectory = directory.resolve("primary");
    var replicaDirectory = directory.resolve("replica");
    int primaryPort = FreePorts.any();
    // initdb, then a clean stop: the data directory is a consistent base backup.
    EmbeddedPostgres.start(primaryDirectory, primaryPort).close();
    copy(primaryDirectory, replicaDirectory);
    try {
      Files.createFile(replicaDirectory.resolve("standby.signal"));
      Files.writeString(
          replicaDirectory.resolve("postgresql.auto.conf"),
          "primary_conninfo = 'host=localhost port=%d user=postgres application_name=%s'\n"
              .formatted(primaryPort, STANDBY_NAME),
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var primary = EmbeddedPostgres.start(primaryDirectory, primaryPort);
    var replica = EmbeddedPostgres.start(replicaDirectory, 0);
    var servers = new ReplicatedPostgres(primaryDirectory, primary, replica);
    // After the copy, so that the replica does not wait for a standby of its own once promoted.
    var jdbc = JdbcClient.create(primary.dataSource());
    jdbc.sql("ALTER SYSTEM SET synchronous_standby_names = '" + STANDBY_NAME + "'").update();
    jdbc.sql("SELECT pg_reload_conf()").query().singleValue();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                jdbc.sql(
                            "SELECT count(*) FROM pg_stat_replication"
                                + " WHERE application_name = :name AND sync_state = 'sync'")
                        .param("name", STANDBY_NAME)
                        .query(Long.class)
                        .single()
                    == 1);
    return servers;
  }

  /**
   * The multi-host URL docs/operations.md recommends: the driver connects to whichever of the two
   * is the primary at the time.
   */
  public String jdbcUrl() {
    return ("jdbc:postgresql://localhost:%d,localhost:%d/postgres"
            + "?targetServerType=primary&hostRecheckSeconds=2&connectTimeout=2")
        .formatted(primary.port(), replica.port());
  }

  public EmbeddedPostgres replica() {
    return replica;
  }

  /**
   * Stops the primary as {@code pg_ctl stop -m immediate} does (SIGQUIT to the postmaster: no
   * checkpoint, every connection cut), waits until it is gone, then promotes the replica ({@code
   * pg_promote()}, which waits until the promotion is done).
   */
  public void failOver() throws Exception {
    var pid = Long.parseLong(Files.readAllLines(primaryDirectory.resolve("postmaster.pid")).get(0));
    var postmaster = ProcessHandle.of(pid).orElseThrow();
    var kill = new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill -QUIT " + pid + " failed");
    }
    postmaster.onExit().get(60, TimeUnit.SECONDS);
    primaryStopped = true;
    var promoted =
        JdbcClient.create(replica.dataSource())
            .sql("SELECT pg_promote(true, 60)")
            .query(Boolean.class)
            .single();
    if (!promoted) {
      throw new IllegalStateException("the replica was not promoted within 60 s");
    }
  }

  /**
   * Makes the (promoted) replica refuse writes, as an operator fences a primary during a switchover
   * ({@code default_transaction_read_only}, reloaded into every session), or lifts it.
   */
  public void fence(boolean readOnly) throws SQLException {
    try (var connection = replica.dataSource().getConnection();
        var statement = connection.createStatement()) {
      statement.execute("SET default_transaction_read_only = off");
      statement.execute("ALTER SYSTEM SET default_transaction_read_only = " + readOnly);
      statement.execute("SELECT pg_reload_conf()");
    }
  }

  @Override
  public void close() {
    try {
      replica.close();
    } finally {
      if (!primaryStopped) {
        primary.close();
      }
    }
  }

  private static void copy(Path from, Path to) {
    try (var files = Files.walk(from)) {
      for (var source : (Iterable<Path>) files::iterator) {
        if (NOT_COPIED.contains(source.getFileName().toString())) {
          continue;
        }
        Files.copy(source, to.resolve(from.relativize(source)), StandardCopyOption.COPY_ATTRIBUTES);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
    }
  }
}
