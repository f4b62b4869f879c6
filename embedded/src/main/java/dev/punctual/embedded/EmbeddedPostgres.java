package dev.punctual.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's embedded binaries) running as a child process of this JVM, with
 * its data in a directory of the caller's choice. A server left running by a JVM that was killed is
 * stopped first, so a restart after a crash works.
 */
public final class EmbeddedPostgres implements AutoCloseable {

  /** The superuser every server has; local connections are trusted. */
  public static final String USER = "postgres";

  /** The database the API uses. */
  public static final String DATABASE = "postgres";

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);

  private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

  private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server) {
    this.server = server;
  }

  /**
   * Starts a server.
   *
   * @param dataDirectory the cluster's data directory; initialised if new, reused otherwise
   * @param port port on localhost, or 0 for a free one
   */
  public static EmbeddedPostgres start(Path dataDirectory, int port) {
    var directory = dataDirectory.toAbsolutePath();
    stopOrphanedServer(directory);
    try {
      var server =
          io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
              .setDataDirectory(directory)
              .setCleanDataDirectory(false)
              .setPort(FreePorts.orFree(port))
              .setPGStartupWait(Duration.ofSeconds(60))
              .setServerConfig("max_connections", "200")
              // zonky turns it off for tests; an API answer 201 promises the job is stored, so the
              // standalone's commits wait for the WAL flush like any production PostgreSQL's.
              .setServerConfig("synchronous_commit", "on")
              .start();
      var embedded = new EmbeddedPostgres(server);
      log.info("PostgreSQL listening on {}, data in {}", embedded.jdbcUrl(), directory);
      return embedded;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start PostgreSQL in " + directory, e);
    }
  }

  /** Starts a server with data in a new temporary directory and a free port, for tests. */
  public static EmbeddedPostgres startForTests() {
    try {
      return start(Files.createTempDirectory("punctual-postgres-"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + server.getPort() + "/" + DATABASE;
  }

  public String username() {
    return USER;
  }

  /** The server trusts local connections; any password is accepted. */
  public String password() {
    return "";
  }

  public int port() {
    return server.getPort();
  }

  public DataSource dataSource() {
    return server.getPostgresDatabase();
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop PostgreSQL", e);
    }
  }

  /**
   * A JVM killed without its shutdown hooks leaves its PostgreSQL running, holding the data
   * directory and the port; stop it so that this start can take over.
   */
  private static void stopOrphanedServer(Path directory) {
    var pidFile = directory.resolve("postmaster.pid");
    readPid(pidFile)
        .flatMap(ProcessHandle::of)
        .filter(ProcessHandle::isAlive)
        .ifPresent(
            process -> {
              log.warn(
                  "PostgreSQL (pid {}) from an earlier run still holds {}; stopping it",
                  process.pid(),
                  directory);
              process.destroy();
              try {
                process.onExit().get(30, TimeUnit.SECONDS);
              } catch (Exception e) {
                process.destroyForcibly();
              }
            });
  }

  private static Optional<Long> readPid(Path pidFile) {
    try {
      if (!Files.exists(pidFile)) {
        return Optional.empty();
      }
      var lines = Files.readAllLines(pidFile);
      return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
