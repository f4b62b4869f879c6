package dev.punctual.api.job;

import dev.punctual.api.system.ProblemSchema;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The job's shapes in the OpenAPI document, for Swagger UI. Documentation only: definitions are
 * read and written by the shared {@code JobDefinitionCodec}, which remains the authority (and
 * refuses unknown fields).
 */
final class JobSchemas {

  private JobSchemas() {}

  static final String EXAMPLE_DEFINITION =
      """
      {
        "id": "nightly-report",
        "name": "Nightly report",
        "schedule": { "cron": "0 2 * * *", "timeZone": "Europe/Berlin" },
        "target": { "type": "http", "method": "POST", "url": "https://reports.example.com/run",
                    "headers": {"Content-Type": "application/json"},
                    "body": "{\\"kind\\":\\"daily\\"}", "timeout": "PT30S" },
        "parameters": { "region": "eu" },
        "retry": { "maxAttempts": 3, "initialBackoff": "PT1S", "multiplier": 2.0,
                   "maxBackoff": "PT5M" },
        "paused": false
      }
      """;

  static final String EXAMPLE_INTERVAL_DEFINITION =
      """
      {
        "id": "cache-warmup",
        "name": "Cache warm-up",
        "schedule": { "every": "PT15M", "startAt": "2027-03-01T00:05:00Z" },
        "target": { "type": "kafka", "topic": "cache.commands", "key": "warmup",
                    "payload": { "action": "warm" } }
      }
      """;

  static final String EXAMPLE_ONCE_DEFINITION =
      """
      {
        "name": "Send the launch mail",
        "schedule": { "at": "2027-04-01T09:00:00Z" },
        "target": { "type": "http", "url": "https://mail.example.com/launch" },
        "retry": { "maxAttempts": 5 }
      }
      """;

  static final String EXAMPLE_INVALID =
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

  static final String EXAMPLE_BATCH =
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

  static final String EXAMPLE_BATCH_RESULT =
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

  static final String EXAMPLE_JOB =
      """
      {
        "id": "nightly-report",
        "name": "Nightly report",
        "schedule": { "cron": "0 2 * * *", "timeZone": "Europe/Berlin",
                      "misfirePolicy": "FIRE_ONCE" },
        "target": { "type": "http", "method": "POST", "url": "https://reports.example.com/run",
                    "headers": {"Content-Type": "application/json"},
                    "body": "{\\"kind\\":\\"daily\\"}", "timeout": "PT30S" },
        "parameters": { "region": "eu" },
        "retry": { "maxAttempts": 3, "initialBackoff": "PT1S", "multiplier": 2.0,
                   "maxBackoff": "PT5M" },
        "paused": false,
        "status": "ACTIVE",
        "nextRunAt": "2027-03-13T01:00:00Z",
        "lastRunAt": "2027-03-12T01:00:00.012Z",
        "lastRunStatus": "SUCCEEDED",
        "version": 1,
        "createdAt": "2027-03-01T09:30:00Z",
        "updatedAt": "2027-03-01T09:30:00Z"
      }
      """;

  @Schema(name = "Schedule", description = "Exactly one of `cron`, `every` or `at`.")
  record ScheduleSchema(
      @Schema(
              description = "5 fields (Unix) or 6 with a leading seconds field; @daily etc.",
              example = "0 2 * * *")
          @Nullable String cron,
      @Schema(description = "ISO-8601 duration, at least PT1S", example = "PT15M")
          @Nullable String every,
      @Schema(description = "one-time instant", example = "2027-01-01T00:00:00Z")
          @Nullable String at,
      @Schema(description = "IANA zone for cron wall times", defaultValue = "UTC")
          @Nullable String timeZone,
      @Schema(description = "no occurrence before; phase of `every`") @Nullable String startAt,
      @Schema(description = "no occurrence after (an occurrence exactly at endAt fires)")
          @Nullable String endAt,
      @Schema(description = "at most this many scheduled fires", minimum = "1")
          @Nullable Integer maxRuns,
      @Schema(
              allowableValues = {"FIRE_ONCE", "SKIP", "FIRE_ALL"},
              defaultValue = "FIRE_ONCE")
          @Nullable String misfirePolicy,
      @Schema(description = "only missed occurrences at most this old are caught up")
          @Nullable String catchUpWindow) {}

  @Schema(
      name = "Target",
      description =
          "What a fire executes. `http`: method, url, headers, body, timeout. `kafka`: topic,"
              + " key, headers, payload (a string is written raw, anything else as JSON).")
  record TargetSchema(
      @Schema(
              allowableValues = {"http", "kafka"},
              requiredMode = Schema.RequiredMode.REQUIRED)
          String type,
      @Schema(description = "http", defaultValue = "POST") @Nullable String method,
      @Schema(description = "http", example = "https://reports.example.com/run")
          @Nullable String url,
      @Schema(description = "http and kafka") @Nullable Map<String, String> headers,
      @Schema(description = "http") @Nullable String body,
      @Schema(description = "http, ISO-8601 duration", defaultValue = "PT30S")
          @Nullable String timeout,
      @Schema(description = "kafka") @Nullable String topic,
      @Schema(description = "kafka") @Nullable String key,
      @Schema(description = "kafka: any JSON value") @Nullable Object payload) {}

  @Schema(name = "RetryPolicy")
  record RetrySchema(
      @Schema(defaultValue = "3", description = "1 means no retry") int maxAttempts,
      @Schema(defaultValue = "PT1S") String initialBackoff,
      @Schema(defaultValue = "2.0") double multiplier,
      @Schema(defaultValue = "PT5M") String maxBackoff) {}

  @Schema(
      name = "JobDefinition",
      description = "What POST /jobs takes and the jobs topic carries.",
      example = EXAMPLE_DEFINITION)
  record DefinitionSchema(
      @Schema(description = "[A-Za-z0-9._-]{1,128}; generated (UUID) when absent")
          @Nullable String id,
      @Schema(maxLength = 256) @Nullable String name,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) ScheduleSchema schedule,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) TargetSchema target,
      @Schema(description = "JSON object handed to every fire")
          @Nullable Map<String, Object> parameters,
      @Nullable RetrySchema retry,
      @Schema(defaultValue = "false") boolean paused) {}

  @Schema(
      name = "Job",
      description = "A definition with the read-only fields the API adds, always present.",
      example = EXAMPLE_JOB)
  record JobSchema(
      String id,
      @Nullable String name,
      ScheduleSchema schedule,
      TargetSchema target,
      Map<String, Object> parameters,
      RetrySchema retry,
      boolean paused,
      @Schema(
              accessMode = Schema.AccessMode.READ_ONLY,
              allowableValues = {"ACTIVE", "PAUSED", "COMPLETED"})
          String status,
      @Schema(
              accessMode = Schema.AccessMode.READ_ONLY,
              description = "next occurrence, null when paused or completed")
          @Nullable String nextRunAt,
      @Schema(
              accessMode = Schema.AccessMode.READ_ONLY,
              description =
                  "when the latest run started (when it was fired, until the worker reports)")
          @Nullable String lastRunAt,
      @Schema(
              accessMode = Schema.AccessMode.READ_ONLY,
              description = "how the latest run ended; FIRED while its result has not arrived yet",
              allowableValues = {"FIRED", "SUCCEEDED", "FAILED", "TIMED_OUT"})
          @Nullable String lastRunStatus,
      @Schema(
              accessMode = Schema.AccessMode.READ_ONLY,
              description = "increases with every change; the ETag is this number in quotes")
          long version,
      @Schema(accessMode = Schema.AccessMode.READ_ONLY) String createdAt,
      @Schema(accessMode = Schema.AccessMode.READ_ONLY) String updatedAt) {}

  @Schema(name = "JobPage")
  record JobPageSchema(
      List<JobSchema> items,
      @Schema(description = "pass as `cursor` for the next page; null on the last page")
          @Nullable String nextCursor) {}

  @Schema(
      name = "NextRuns",
      example =
          """
          {"jobId": "nightly-report",
           "runs": ["2027-03-13T07:30:00Z", "2027-03-14T07:00:00Z", "2027-03-15T06:30:00Z"]}
          """)
  record NextRunsSchema(
      String jobId,
      @Schema(description = "the next occurrences, ISO-8601 UTC, earliest first")
          List<String> runs) {}

  @Schema(
      name = "TriggerAccepted",
      example = "{\"requestId\": \"5f0c6a2e-1b7d-4a8e-9c1f-2f5d8e7a9b10\"}")
  record TriggerAcceptedSchema(
      @Schema(description = "the manual fire's id is `<jobId>@manual-<requestId>`")
          String requestId) {}

  @Schema(name = "JobBatch", example = EXAMPLE_BATCH)
  record BatchRequestSchema(
      @ArraySchema(
              maxItems = 1000,
              arraySchema = @Schema(description = "at most 1,000 definitions"))
          List<DefinitionSchema> jobs) {}

  @Schema(name = "JobBatchItem")
  record BatchItemSchema(
      @Schema(
              description =
                  "the job's id (generated for an item without one); null when an"
                      + " invalid item named none")
          @Nullable String id,
      @Schema(allowableValues = {"201", "200", "400", "409"}) int status,
      @Schema(description = "why the item failed; null on success")
          @Nullable ProblemSchema error) {}

  @Schema(name = "JobBatchResult", example = EXAMPLE_BATCH_RESULT)
  record BatchResultSchema(List<BatchItemSchema> items) {}
}
