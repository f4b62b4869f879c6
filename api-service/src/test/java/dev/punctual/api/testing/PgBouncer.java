package dev.punctual.api.testing;

import static org.awaitility.Awaitility.await;

import dev.punctual.embedded.FreePorts;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A PgBouncer process (Debian's package, or one on the PATH) in front of a PostgreSQL server, on a
 * free loopback port, trusting the server's user as the embedded server does. As root it runs
 * through {@code unshare -U}, as the embedded PostgreSQL does: PgBouncer refuses to run as root.
 */
public final class PgBouncer implements AutoCloseable {

  private final Process process;
  private final int port;

  private PgBouncer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Whether a {@code pgbouncer} executable is there. */
  public static boolean installed() {
    return executable().isPresent();
  }

  /** On the PATH, or in /usr/sbin where Debian puts it (not on a normal user's PATH). */
  private static Optional<Path> executable() {
    var directories = new ArrayList<String>();
    var path = System.getenv("PATH");
    if (path != null) {
      directories.addAll(List.of(path.split(File.pathSeparator)));
    }
    directories.add("/usr/sbin");
    return directories.stream()
        .map(directory -> Path.of(directory, "pgbouncer"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /**
   * Starts PgBouncer with its configuration and log in {@code directory}.
   *
   * @param serverPort the PostgreSQL server's port on localhost; every database is passed through
   * @param user the one user clients connect as
   * @param poolMode {@code session}, {@code transaction} or {@code statement}
   * @param serverConnections server connections per database and user, shared by every client
   */
  public static PgBouncer start(
      Path directory, int serverPort, String user, String poolMode, int serverConnections) {
    int port = FreePorts.any();
    try {
      var users = Files.writeString(directory.resolve("users.txt"), "\"" + user + "\" \"\"\n");
      var config =
          Files.writeString(
              directory.resolve("pgbouncer.ini"),
              """
              [databases]
              * = host=127.0.0.1 port=%d

              [pgbouncer]
              listen_addr = 127.0.0.1
              listen_port = %d
              unix_socket_dir =
              auth_type = trust
              auth_file = %s
              pool_mode = %s
              default_pool_size = %d
              max_client_conn = 200
              ignore_startup_parameters = extra_float_digits
              """
                  .formatted(serverPort, port, users, poolMode, serverConnections));
      var command = new ArrayList<String>();
      if ("root".equals(System.getProperty("user.name"))) {
        command.addAll(List.of("unshare", "-U"));
      }
      command.addAll(List.of(executable().orElseThrow().toString(), config.toString()));
      var process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(directory.resolve("pgbouncer.log").toFile())
              .start();
      var bouncer = new PgBouncer(process, port);
      try {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> {
                  if (!process.isAlive()) {
                    throw new IllegalStateException(
                        "pgbouncer exited: "
                            + Files.readString(directory.resolve("pgbouncer.log")));
                  }
                  return accepts(port);
                });
      } catch (RuntimeException e) {
        bouncer.close();
        throw e;
      }
      return bouncer;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start pgbouncer", e);
    }
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static boolean accepts(int port) {
    try (var socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
