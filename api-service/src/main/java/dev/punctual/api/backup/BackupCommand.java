package dev.punctual.api.backup;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.jspecify.annotations.Nullable;

/**
 * {@code backup FILE} and {@code restore FILE}, as {@code ./punctual backup|restore} runs them: the
 * API's PostgreSQL from the settings the API reads ({@code POSTGRES_URL}, a JDBC URL, {@code
 * POSTGRES_USER}, {@code POSTGRES_PASSWORD}); a restore then asks the API ({@code
 * PUNCTUAL_API_URL}, with {@code PUNCTUAL_API_KEY} when security is on) to re-sync the jobs topic.
 *
 * <p>A restore first brings a database with no schema, or an older one, to the backup's schema
 * version with the API's migrations, replaces its rows with the backup's, then migrates it to this
 * version's latest schema (a backup of an older release is upgraded as the API would upgrade it).
 */
public final class BackupCommand {

  /** Where the API's migrations are, as {@code spring.flyway.locations} says. */
  static final String MIGRATIONS = "classpath:db/punctual-api";

  private final Map<String, String> environment;
  private final Database defaults;
  private final PrintStream out;
  private final PrintStream err;

  /** The database to use when the environment names none. */
  public record Database(String url, String user, String password) {}

  public BackupCommand(
      Map<String, String> environment, Database defaults, PrintStream out, PrintStream err) {
    this.environment = environment;
    this.defaults = defaults;
    this.out = out;
    this.err = err;
  }

  /** Runs {@code backup FILE} or {@code restore FILE}; answers the process's exit code. */
  public int run(String... args) {
    if (args.length != 2 || !(args[0].equals("backup") || args[0].equals("restore"))) {
      err.println("usage: backup FILE | restore FILE");
      return 2;
    }
    var file = Path.of(args[1]);
    var database = database();
    try {
      if (args[0].equals("backup")) {
        return backup(database, file);
      }
      return restore(database, file);
    } catch (SQLException | IOException | RuntimeException e) {
      err.println(args[0] + " failed: " + e.getMessage());
      return 1;
    }
  }

  private int backup(Database database, Path file) throws SQLException, IOException {
    try (var connection =
        DriverManager.getConnection(database.url(), database.user(), database.password())) {
      var summary = DatabaseBackup.write(connection, file);
      out.printf(
          "Backed up %d rows of %d tables (schema version %s) from %s to %s.%n",
          summary.totalRows(),
          summary.rows().size(),
          summary.schemaVersion(),
          shown(database.url()),
          file);
      return 0;
    }
  }

  private int restore(Database database, Path file) throws SQLException, IOException {
    var version = DatabaseBackup.schemaVersion(file);
    try (var connection =
        DriverManager.getConnection(database.url(), database.user(), database.password())) {
      var current = DatabaseBackup.schemaVersion(connection);
      if (current != null && MigrationVersion.fromVersion(current).isNewerThan(version)) {
        err.printf(
            "The database is at schema version %s, newer than the backup's %s. Restore into an"
                + " empty database (this command migrates it), then start the API.%n",
            current, version);
        return 1;
      }
      migrate(database, version);
      var summary = DatabaseBackup.restore(connection, file);
      migrate(database, null);
      out.printf(
          "Restored %d rows of %d tables (schema version %s) from %s into %s.%n",
          summary.totalRows(), summary.rows().size(), version, file, shown(database.url()));
    }
    return resync();
  }

  /** Applies the API's migrations up to a version, or all of them. */
  private static void migrate(Database database, @Nullable String version) {
    var flyway =
        Flyway.configure()
            .dataSource(database.url(), database.user(), database.password())
            .locations(MIGRATIONS);
    if (version != null) {
      flyway.target(MigrationVersion.fromVersion(version));
    }
    flyway.load().migrate();
  }

  /** {@code POST /admin/resync/topic}, so that the jobs topic holds what the database does. */
  private int resync() {
    var api = environment.getOrDefault("PUNCTUAL_API_URL", "http://localhost:3015");
    var request =
        HttpRequest.newBuilder(URI.create(api + "/admin/resync/topic"))
            .timeout(Duration.ofMinutes(5))
            .POST(HttpRequest.BodyPublishers.noBody());
    var key = environment.get("PUNCTUAL_API_KEY");
    if (key != null && !key.isBlank()) {
      request.header("Authorization", "Bearer " + key);
    }
    String failure;
    try (var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
      var answer = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() == 200) {
        out.println("Re-synced the jobs topic through " + api + ": " + answer.body());
        return 0;
      }
      failure = "answered " + answer.statusCode() + ": " + answer.body();
    } catch (IOException e) {
      failure = "could not be reached (" + e + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = "was interrupted";
    }
    err.printf(
        "The database is restored, but the re-sync through %s %s. Once the API answers, run%n"
            + "  curl -X POST %s/admin/resync/topic   (with -H 'Authorization: Bearer <admin key>'"
            + " when security is on)%n",
        api, failure, api);
    return 1;
  }

  private Database database() {
    var url = environment.get("POSTGRES_URL");
    if (url == null || url.isBlank()) {
      return defaults;
    }
    return new Database(
        url,
        environment.getOrDefault("POSTGRES_USER", "punctual"),
        environment.getOrDefault("POSTGRES_PASSWORD", "punctual"));
  }

  /** A JDBC URL without its parameters, which may hold a password. */
  private static String shown(String url) {
    var query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }
}
