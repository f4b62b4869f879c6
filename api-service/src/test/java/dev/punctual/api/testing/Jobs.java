package dev.punctual.api.testing;

/** Job definitions for tests, as JSON. */
public final class Jobs {

  private Jobs() {}

  /**
   * A definition with an HTTP target.
   *
   * @param schedule the members of the schedule object, e.g. {@code "every": "PT1M"}
   */
  public static String definition(String id, String schedule) {
    return named(id, "x", schedule);
  }

  /** A definition with an HTTP target and a name. */
  public static String named(String id, String name, String schedule) {
    return """
        {
          "id": "%s",
          "name": "%s",
          "schedule": { %s },
          "target": { "type": "http", "method": "POST", "url": "https://example.com/run" },
          "paused": false
        }
        """
        .formatted(id, name, schedule);
  }

  /** A definition without id (the API generates one). */
  public static String withoutId(String name, String schedule) {
    return """
        {
          "name": "%s",
          "schedule": { %s },
          "target": { "type": "http", "url": "https://example.com/run" }
        }
        """
        .formatted(name, schedule);
  }

  /** A definition with a Kafka target writing to {@code topic}, every minute. */
  public static String kafka(String id, String topic) {
    return """
        {
          "id": "%s",
          "schedule": { "every": "PT1M" },
          "target": { "type": "kafka", "topic": "%s", "payload": {"hello": "world"} }
        }
        """
        .formatted(id, topic);
  }
}
