package dev.punctual.standalone;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Every row of every table of the API's PostgreSQL database as text (a row cast to {@code text}, as
 * psql prints it: bytea as {@code \x} and lowercase hex), by table: what a secret's value must
 * never be found in.
 */
final class DatabaseDump {

  private DatabaseDump() {}

  /** {@code schema.table} to the text of each of its rows. */
  static Map<String, List<String>> of(DataSource dataSource) throws SQLException {
    var dump = new LinkedHashMap<String, List<String>>();
    try (var connection = dataSource.getConnection();
        var tables =
            connection
                .createStatement()
                .executeQuery(
                    "select table_schema, table_name from information_schema.tables"
                        + " where table_type = 'BASE TABLE'"
                        + " and table_schema not in ('pg_catalog', 'information_schema')"
                        + " order by 1, 2")) {
      while (tables.next()) {
        var name = quoted(tables.getString(1)) + "." + quoted(tables.getString(2));
        var rows = new java.util.ArrayList<String>();
        try (var statement = connection.createStatement();
            var result = statement.executeQuery("select t::text from " + name + " t")) {
          while (result.next()) {
            rows.add(result.getString(1));
          }
        }
        dump.put(name, rows);
      }
    }
    return dump;
  }

  private static String quoted(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
