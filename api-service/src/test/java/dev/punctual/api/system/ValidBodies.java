package dev.punctual.api.system;

import java.util.List;

/** Valid request bodies, the starting points of {@link MutatedBodies}. */
final class ValidBodies {

  private static final List<String> SCHEDULES =
      List.of(
          "{\"cron\":\"0 2 * * *\",\"timeZone\":\"Europe/Berlin\"}",
          "{\"every\":\"PT1M\",\"startAt\":\"2030-01-01T00:00:00Z\",\"maxRuns\":3}",
          "{\"at\":\"2031-01-01T00:00:00Z\",\"pauseAfterFailures\":2}",
          "{\"cron\":\"*/5 * * * * *\",\"jitter\":\"PT1S\",\"overlapPolicy\":\"SKIP\","
              + "\"misfirePolicy\":\"FIRE_ALL\",\"daylightSaving\":{\"gap\":\"SKIP\","
              + "\"overlap\":\"BOTH\"}}");

  private static final List<String> TARGETS =
      List.of(
          "{\"type\":\"http\",\"method\":\"POST\",\"url\":\"https://example.com/run/{{param.region}}\","
              + "\"headers\":{\"Content-Type\":\"application/json\"},\"body\":\"{}\","
              + "\"timeout\":\"PT30S\"}",
          "{\"type\":\"kafka\",\"topic\":\"orders\",\"key\":\"{{job.id}}\","
              + "\"headers\":{\"h\":\"v\"},\"payload\":{\"hello\":\"world\"}}");

  private ValidBodies() {}

  static String job(OddValues odd, String id) {
    return "{\"id\":\""
        + id
        + "\",\"name\":\"Fuzzed\",\"schedule\":"
        + odd.pick(SCHEDULES)
        + ",\"target\":"
        + odd.pick(TARGETS)
        + ",\"parameters\":{\"region\":\"eu\"},\"labels\":{\"team\":\"fuzz\"},"
        + "\"retry\":{\"maxAttempts\":3,\"initialBackoff\":\"PT1S\",\"multiplier\":2.0,"
        + "\"maxBackoff\":\"PT5M\"},\"paused\":true}";
  }

  static String trigger() {
    return "{\"parameters\":{\"region\":\"us\"}}";
  }

  static String backfill() {
    return "{\"from\":\"2030-01-01T00:00:00Z\",\"to\":\"2030-01-01T00:05:00Z\"}";
  }

  static String apiKey() {
    return "{\"name\":\"fuzz\",\"scopes\":[\"jobs:read\"],\"namespace\":null}";
  }
}
