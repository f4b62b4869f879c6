package dev.punctual.api.job;

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
      @Schema(accessMode = Schema.AccessMode.READ_ONLY, description = "start of the latest run")
          @Nullable String lastRunAt,
      @Schema(
              accessMode = Schema.AccessMode.READ_ONLY,
              allowableValues = {"SUCCEEDED", "FAILED", "TIMED_OUT"})
          @Nullable String lastRunStatus,
      @Schema(accessMode = Schema.AccessMode.READ_ONLY) long version,
      @Schema(accessMode = Schema.AccessMode.READ_ONLY) String createdAt,
      @Schema(accessMode = Schema.AccessMode.READ_ONLY) String updatedAt) {}

  @Schema(name = "JobPage")
  record JobPageSchema(
      List<JobSchema> items,
      @Schema(description = "pass as `cursor` for the next page; null on the last page")
          @Nullable String nextCursor) {}
}
