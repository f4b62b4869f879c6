package dev.punctual.api.job;

/**
 * The JSON examples of the OpenAPI document for jobs: request bodies, answers and a problem, shown
 * by Swagger UI. Documentation only; {@code JobControllerTest} and the ITs send such bodies for
 * real.
 */
final class JobExamples {

  private JobExamples() {}

  /** The nightly report's target, parameters and retry policy, the same in its examples. */
  private static final String NIGHTLY_REPORT_RUN =
      """
        "target": { "type": "http", "method": "POST", "url": "https://reports.example.com/run",
                    "headers": {"Content-Type": "application/json"},
                    "body": "{\\"kind\\":\\"daily\\"}", "timeout": "PT30S" },
        "parameters": { "region": "eu" },
        "retry": { "maxAttempts": 3, "initialBackoff": "PT1S", "multiplier": 2.0,
                   "maxBackoff": "PT5M" },
        "paused": false""";

  static final String DEFINITION =
      """
      {
        "id": "nightly-report",
        "name": "Nightly report",
        "schedule": { "cron": "0 2 * * *", "timeZone": "Europe/Berlin",
                      "overlapPolicy": "SKIP", "jitter": "PT5M",
                      "daylightSaving": { "gap": "SKIP", "overlap": "FIRST" },
                      "misfireThreshold": "PT10M", "pauseAfterFailures": 3 },
      """
          + NIGHTLY_REPORT_RUN
          + """
      ,
        "labels": { "team": "reporting", "tier": "gold" }
      }
      """;

  static final String INTERVAL_DEFINITION =
      """
      {
        "id": "cache-warmup",
        "name": "Cache warm-up",
        "schedule": { "every": "PT15M", "startAt": "2027-03-01T00:05:00Z" },
        "target": { "type": "kafka", "topic": "cache.commands", "key": "warmup",
                    "payload": { "action": "warm" } }
      }
      """;

  static final String ONCE_DEFINITION =
      """
      {
        "name": "Send the launch mail",
        "schedule": { "at": "2027-04-01T09:00:00Z" },
        "target": { "type": "http", "url": "https://mail.example.com/launch" },
        "retry": { "maxAttempts": 5 }
      }
      """;

  static final String INVALID =
      """
      {
        "type": "about:blank",
        "title": "Invalid job definition",
        "status": 400,
        "detail": "The job definition is invalid: schedule.timeZone: 'Europe/Berlinn' is not a \
      time zone; use an IANA name like Europe/Berlin.",
        "instance": "/jobs",
        "errors": [ { "field": "schedule.timeZone",
                      "message": "'Europe/Berlinn' is not a time zone; use an IANA name like \
      Europe/Berlin" } ]
      }
      """;

  static final String BATCH =
      """
      {
        "jobs": [
          { "id": "report-eu", "schedule": { "cron": "0 2 * * *", "timeZone": "Europe/Berlin" },
            "target": { "type": "http", "url": "https://reports.example.com/run?region=eu" } },
          { "id": "report-us", "schedule": { "cron": "0 2 * * *", "timeZone": "America/New_York" },
            "target": { "type": "http", "url": "https://reports.example.com/run?region=us" } }
        ]
      }
      """;

  static final String BATCH_RESULT =
      """
      {
        "items": [
          { "id": "report-eu", "status": 201, "error": null },
          { "id": "report-us", "status": 400, "error": {
              "type": "about:blank", "title": "Invalid job definition", "status": 400,
              "detail": "The job definition is invalid: schedule.cron: '0 25 * * *' is not a \
      valid cron expression.",
              "errors": [ { "field": "schedule.cron",
                            "message": "'0 25 * * *' is not a valid cron expression" } ] } }
        ]
      }
      """;

  static final String TRIGGER =
      """
      { "parameters": { "region": "us" } }
      """;

  static final String BACKFILL =
      """
      { "from": "2027-03-01T00:00:00Z", "to": "2027-03-08T00:00:00Z" }
      """;

  static final String JOB =
      """
      {
        "id": "nightly-report",
        "namespace": "default",
        "name": "Nightly report",
        "schedule": { "cron": "0 2 * * *", "timeZone": "Europe/Berlin",
                      "misfirePolicy": "FIRE_ONCE", "overlapPolicy": "SKIP", "jitter": "PT5M",
                      "pauseAfterFailures": 3 },
      """
          + NIGHTLY_REPORT_RUN
          + """
      ,
        "labels": { "team": "reporting", "tier": "gold" },
        "status": "ACTIVE",
        "pausedReason": null,
        "nextRunAt": "2027-03-13T01:00:00Z",
        "lastRunAt": "2027-03-12T01:00:00.012Z",
        "lastRunStatus": "SUCCEEDED",
        "version": 1,
        "createdAt": "2027-03-01T09:30:00Z",
        "updatedAt": "2027-03-01T09:30:00Z"
      }
      """;
}
