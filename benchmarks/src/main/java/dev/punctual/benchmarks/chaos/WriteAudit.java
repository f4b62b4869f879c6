package dev.punctual.benchmarks.chaos;

import dev.punctual.model.json.Json;
import dev.punctual.model.topic.Topics;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Compares what the clients were told with what PostgreSQL and {@code scheduler.jobs} hold after
 * the run. A live job must be in both with at least the acknowledged version (and, at that very
 * version, the acknowledged paused state); a deleted job must be in neither (its last record on the
 * topic a tombstone). The topic is read from its start to its end by a {@code read_committed}
 * consumer, the last record of a key being what a new scheduler instance would restore.
 */
final class WriteAudit {

  /** One job's state in a store: its version and whether it is paused; absent when deleted. */
  record Stored(long version, boolean paused) {}

  private static final int MAX_EXAMPLES = 10;

  private final List<String> lostInDatabase = new ArrayList<>();
  private final List<String> lostOnTopic = new ArrayList<>();
  private long checked;

  /** Checks every job the clients know the outcome of. */
  static WriteAudit check(
      List<ChurnedJob> jobs, String prefix, DataSource database, String bootstrapServers) {
    var audit = new WriteAudit();
    var rows = rows(database, prefix);
    var records = lastRecords(bootstrapServers, prefix);
    for (var job : jobs) {
      if (job.uncertain || (job.ackedVersion == 0 && !job.deleted)) {
        continue;
      }
      audit.checked++;
      audit.compare(job, rows.get(job.id), rows.containsKey(job.id), audit.lostInDatabase);
      audit.compare(job, records.get(job.id), records.containsKey(job.id), audit.lostOnTopic);
    }
    return audit;
  }

  private void compare(ChurnedJob job, Stored stored, boolean present, List<String> lost) {
    String problem = null;
    if (job.deleted) {
      if (stored != null) {
        problem = "deleted, but still there at version " + stored.version();
      }
    } else if (stored == null) {
      problem =
          (present ? "deleted (tombstone)" : "absent")
              + ", but acknowledged at version "
              + job.ackedVersion;
    } else if (stored.version() < job.ackedVersion) {
      problem = "at version " + stored.version() + ", acknowledged " + job.ackedVersion;
    } else if (stored.version() == job.ackedVersion && stored.paused() != job.ackedPaused) {
      problem = "paused " + stored.paused() + " at version " + stored.version();
    }
    if (problem != null) {
      lost.add(job.id + ": " + problem);
    }
  }

  private static Map<String, Stored> rows(DataSource database, String prefix) {
    var rows = new HashMap<String, Stored>();
    try (var connection = database.getConnection();
        var query =
            connection.prepareStatement("SELECT id, version, status FROM jobs WHERE id LIKE ?")) {
      query.setString(1, prefix + "%");
      try (var result = query.executeQuery()) {
        while (result.next()) {
          rows.put(
              result.getString(1),
              new Stored(result.getLong(2), "PAUSED".equals(result.getString(3))));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the jobs table", e);
    }
    return rows;
  }

  /** The last record of every key of the jobs topic; a tombstone maps to null. */
  private static Map<String, Stored> lastRecords(String bootstrapServers, String prefix) {
    var last = new HashMap<String, Stored>();
    var topic = Topics.DEFAULT.jobs().name();
    try (var consumer = CommittedReader.fromStart(bootstrapServers, List.of(topic))) {
      var partitions = consumer.assignment();
      var ends = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("cannot read " + topic + " to its end within 5 min");
        }
        for (var record : consumer.poll(Duration.ofMillis(500))) {
          if (record.key() != null && record.key().startsWith(prefix)) {
            last.put(record.key(), stored(record.value()));
          }
        }
      }
    }
    return last;
  }

  private static Stored stored(byte[] value) {
    if (value == null) {
      return null;
    }
    var definition = Json.MAPPER.readTree(value);
    return new Stored(
        definition.path("version").asLong(), definition.path("paused").asBoolean(false));
  }

  /** Outbox rows not yet published to Kafka (by any API instance). */
  /**
   * The API's executions rows of these fires, for the notes of a failed run: {@code fireId attempt
   * status (error)}.
   */
  static List<String> executions(DataSource database, List<String> fireIds) {
    var rows = new ArrayList<String>();
    try (var connection = database.getConnection();
        var query =
            connection.prepareStatement(
                "SELECT fire_id, attempt, status, error FROM executions WHERE fire_id = ANY(?)"
                    + " ORDER BY fire_id, attempt")) {
      query.setArray(1, connection.createArrayOf("text", fireIds.toArray()));
      try (var result = query.executeQuery()) {
        while (result.next()) {
          rows.add(
              result.getString(1)
                  + " "
                  + result.getInt(2)
                  + " "
                  + result.getString(3)
                  + (result.getString(4) == null ? "" : " (" + result.getString(4) + ")"));
        }
      }
    } catch (SQLException e) {
      rows.add("could not read the executions: " + e.getMessage());
    }
    return rows;
  }

  static long outboxRows(DataSource database) {
    try (var connection = database.getConnection();
        var query = connection.prepareStatement("SELECT count(*) FROM outbox");
        var result = query.executeQuery()) {
      result.next();
      return result.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count the outbox rows", e);
    }
  }

  long checked() {
    return checked;
  }

  List<String> lostInDatabase() {
    return lostInDatabase;
  }

  List<String> lostOnTopic() {
    return lostOnTopic;
  }

  static List<String> examples(List<String> all) {
    return all.subList(0, Math.min(MAX_EXAMPLES, all.size()));
  }
}
