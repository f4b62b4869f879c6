package dev.punctual.api.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;

/**
 * A logical backup of the API's PostgreSQL: every table of the current schema (but Flyway's
 * history) in COPY's text format, each sequence's position, and the schema version, in one zip
 * file, read in one {@code REPEATABLE READ} snapshot while the system runs.
 *
 * <p>Written by hand instead of wrapping {@code pg_dump}: {@code pg_dump} must be at least the
 * server's major version, and the standalone's embedded PostgreSQL ships no client tools, so a user
 * with only a JDK could not back up the system they run first. This class needs only the JDBC
 * driver. COPY's text format reads back the same on every PostgreSQL version; what it leaves out
 * (indexes, constraints, functions) is what the API's migrations create, so a restore goes into a
 * database at the backup's schema version and replaces its rows.
 */
public final class DatabaseBackup {

  /** What a backup file says of itself; a restore refuses any other format. */
  static final String FORMAT = "punctual-postgres-backup/1";

  private static final String MANIFEST = "manifest.properties";
  private static final String FLYWAY_HISTORY = "flyway_schema_history";

  private DatabaseBackup() {}

  /** What a backup holds: its schema version and the rows of each table. */
  public record Summary(String schemaVersion, Map<String, Long> rows) {

    public long totalRows() {
      return rows.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * Writes a backup of the connection's database to a new file, readable by its owner only (it
   * holds API key hashes and every job's definition). Fails if the file exists.
   */
  public static Summary write(Connection connection, Path file) throws SQLException, IOException {
    var copy = ((PGConnection) connection.unwrap(PGConnection.class)).getCopyAPI();
    var created = create(file); // before the try: a file that was there is never deleted
    var autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (var out = new ZipOutputStream(created)) {
      try (var statement = connection.createStatement()) {
        // one snapshot for every table, as pg_dump takes it
        statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      }
      var version = schemaVersion(connection);
      if (version == null) {
        throw new IllegalStateException(
            "the database holds no Punctual schema (no successful Flyway migration): nothing to"
                + " back up");
      }
      var manifest = new Properties();
      manifest.setProperty("format", FORMAT);
      manifest.setProperty("schemaVersion", version);
      manifest.setProperty("createdAt", Instant.now().toString());
      var rows = new LinkedHashMap<String, Long>();
      var tables = tables(connection);
      manifest.setProperty("tables", String.join(",", tables));
      for (var table : tables) {
        var columns = columns(connection, table);
        manifest.setProperty("table." + table + ".columns", String.join(",", columns));
        out.putNextEntry(new ZipEntry("tables/" + table + ".copy"));
        var count =
            copy.copyOut("COPY %s (%s) TO STDOUT".formatted(quote(table), quoteAll(columns)), out);
        out.closeEntry();
        rows.put(table, count);
        manifest.setProperty("table." + table + ".rows", Long.toString(count));
      }
      for (var sequence : sequences(connection)) {
        manifest.setProperty("sequence." + sequence, position(connection, sequence));
      }
      out.putNextEntry(new ZipEntry(MANIFEST));
      manifest.store(out, "Punctual backup of the API's PostgreSQL");
      out.closeEntry();
      connection.commit();
      return new Summary(version, rows);
    } catch (SQLException | IOException | RuntimeException e) {
      connection.rollback();
      Files.deleteIfExists(file);
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  /** The schema version a backup file was taken at. */
  public static String schemaVersion(Path file) throws IOException {
    try (var zip = open(file)) {
      return manifest(zip).getProperty("schemaVersion");
    }
  }

  /**
   * Replaces the rows of every table in the connection's database with the backup's, in one
   * transaction (a running API sees the old rows or the restored ones, never a mix), and sets each
   * sequence where it was. The database must be at the backup's schema version.
   */
  public static Summary restore(Connection connection, Path file) throws SQLException, IOException {
    var copy = ((PGConnection) connection.unwrap(PGConnection.class)).getCopyAPI();
    var autoCommit = connection.getAutoCommit();
    try (var zip = open(file)) {
      var manifest = manifest(zip);
      var version = manifest.getProperty("schemaVersion");
      connection.setAutoCommit(false);
      var current = schemaVersion(connection);
      if (!version.equals(current)) {
        throw new IllegalStateException(
            "the database is at schema version %s, the backup at %s: restore into a database at the backup's version (an empty one is migrated to it first)"
                .formatted(current == null ? "none" : current, version));
      }
      var tables = List.of(manifest.getProperty("tables").split(","));
      var present = tables(connection);
      if (!present.containsAll(tables) || !tables.containsAll(present)) {
        throw new IllegalStateException(
            "the database's tables %s differ from the backup's %s".formatted(present, tables));
      }
      try (var statement = connection.createStatement()) {
        statement.execute("TRUNCATE " + quoteAll(tables));
      }
      var rows = new LinkedHashMap<String, Long>();
      for (var table : tables) {
        var columns = List.of(manifest.getProperty("table." + table + ".columns").split(","));
        var entry = zip.getEntry("tables/" + table + ".copy");
        if (entry == null) {
          throw new IllegalStateException("the backup has no rows of table " + table);
        }
        try (var in = zip.getInputStream(entry)) {
          rows.put(
              table,
              copy.copyIn(
                  "COPY %s (%s) FROM STDIN".formatted(quote(table), quoteAll(columns)), in));
        }
        var expected = Long.parseLong(manifest.getProperty("table." + table + ".rows"));
        if (rows.get(table) != expected) {
          throw new IllegalStateException(
              "table %s: the backup says %d rows, %d were read"
                  .formatted(table, expected, rows.get(table)));
        }
      }
      for (var name : manifest.stringPropertyNames()) {
        if (name.startsWith("sequence.")) {
          var position = manifest.getProperty(name).split(",");
          try (var setval = connection.prepareStatement("SELECT setval(?::regclass, ?, ?)")) {
            setval.setString(1, quote(name.substring("sequence.".length())));
            setval.setLong(2, Long.parseLong(position[0]));
            setval.setBoolean(3, Boolean.parseBoolean(position[1]));
            setval.execute();
          }
        }
      }
      connection.commit();
      return new Summary(version, rows);
    } catch (SQLException | IOException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  /** The latest successful Flyway migration's version, or null without one. */
  static @Nullable String schemaVersion(Connection connection) throws SQLException {
    try (var statement = connection.createStatement()) {
      try (var exists =
          statement.executeQuery("SELECT to_regclass('" + FLYWAY_HISTORY + "') IS NOT NULL")) {
        exists.next();
        if (!exists.getBoolean(1)) {
          return null;
        }
      }
      try (var rows =
          statement.executeQuery(
              "SELECT version FROM "
                  + FLYWAY_HISTORY
                  + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
        return rows.next() ? rows.getString(1) : null;
      }
    }
  }

  private static List<String> tables(Connection connection) throws SQLException {
    return strings(
        connection,
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            + " AND table_type = 'BASE TABLE' AND table_name <> '"
            + FLYWAY_HISTORY
            + "' ORDER BY table_name",
        null);
  }

  /** A table's columns but the generated ones, which PostgreSQL computes again on the way in. */
  private static List<String> columns(Connection connection, String table) throws SQLException {
    return strings(
        connection,
        "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
            + " AND table_name = ? AND is_generated = 'NEVER' ORDER BY ordinal_position",
        table);
  }

  private static List<String> sequences(Connection connection) throws SQLException {
    return strings(
        connection,
        "SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema()"
            + " ORDER BY sequencename",
        null);
  }

  /** A sequence's {@code last_value,is_called}, as {@code setval} takes them back. */
  private static String position(Connection connection, String sequence) throws SQLException {
    try (var statement = connection.createStatement();
        var rows = statement.executeQuery("SELECT last_value, is_called FROM " + quote(sequence))) {
      rows.next();
      return rows.getLong(1) + "," + rows.getBoolean(2);
    }
  }

  private static List<String> strings(Connection connection, String sql, @Nullable String param)
      throws SQLException {
    try (var query = connection.prepareStatement(sql)) {
      if (param != null) {
        query.setString(1, param);
      }
      var values = new ArrayList<String>();
      try (var rows = query.executeQuery()) {
        while (rows.next()) {
          values.add(rows.getString(1));
        }
      }
      return values;
    }
  }

  private static ZipFile open(Path file) throws IOException {
    try {
      return new ZipFile(file.toFile());
    } catch (ZipException e) {
      throw new IllegalStateException(file + " is not a Punctual backup (not a zip file)", e);
    }
  }

  private static Properties manifest(ZipFile zip) throws IOException {
    var entry = zip.getEntry(MANIFEST);
    if (entry == null) {
      throw new IllegalStateException(zip.getName() + " is not a Punctual backup (no manifest)");
    }
    var manifest = new Properties();
    try (var in = zip.getInputStream(entry)) {
      manifest.load(in);
    }
    if (!FORMAT.equals(manifest.getProperty("format"))) {
      throw new IllegalStateException(
          "%s is in format %s; this version reads %s"
              .formatted(zip.getName(), manifest.getProperty("format"), FORMAT));
    }
    return manifest;
  }

  private static OutputStream create(Path file) throws IOException {
    try {
      var owner =
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
      return Files.newOutputStream(
          Files.createFile(file, owner),
          StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING);
    } catch (FileAlreadyExistsException e) {
      throw new IllegalStateException(file + " exists; a backup never overwrites a file", e);
    } catch (UnsupportedOperationException e) { // not a POSIX file system
      return Files.newOutputStream(file, StandardOpenOption.CREATE_NEW);
    }
  }

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  private static String quoteAll(List<String> identifiers) {
    return String.join(", ", identifiers.stream().map(DatabaseBackup::quote).toList());
  }
}
