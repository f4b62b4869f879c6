package dev.punctual.api.job;

/** Job definitions for tests, as JSON. */
public final class Jobs {

  private Jobs() {}

  /**
   * A definition with an HTTP target.
   *
   * @param schedule the members of the schedule object, e.g. {@code "every": "PT1M"}
   */
  public static String definition(String id, String schedule) {
    return """
        {
          "id": "%s",
          "name": "x",
          "schedule": { %s },
          "target": { "type": "http", "method": "POST", "url": "https://example.com/run" },
          "paused": false
        }
        """
        .formatted(id, schedule);
  }
}
