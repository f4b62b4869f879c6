package dev.punctual.api.job;

import dev.punctual.api.openapi.ProblemSchema;
import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.job.JobStatus;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The job's shapes in the OpenAPI document, for Swagger UI. Documentation only: definitions are
 * read and written by the shared {@code JobDefinitionCodec}, which remains the authority (and
 * refuses unknown fields). The {@code Target} schema that combines the targets' shapes is built
 * from the sealed {@code Target} by {@link TargetSchemas}.
 */
final class JobSchemas {

  private JobSchemas() {}

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
          @Nullable String catchUpWindow,
      @Schema(
              description =
                  "an occurrence due while an earlier fire of the job has no final result: ALLOW"
                      + " fires it anyway; SKIP does not fire it (reported as missed, reason"
                      + " OVERLAP); BUFFER_ONE keeps at most one waiting, fired when the earlier"
                      + " fire finishes",
              allowableValues = {"ALLOW", "SKIP", "BUFFER_ONE"},
              defaultValue = "ALLOW",
              example = "SKIP")
          @Nullable String overlapPolicy,
      @Schema(
              description =
                  "ISO-8601 duration, 0 or more and shorter than the shortest gap between"
                      + " occurrences: each occurrence is due later by an offset in [0, jitter)"
                      + " derived from its fire id (the same on every run); scheduledAt and the"
                      + " fire id are unchanged",
              defaultValue = "PT0S",
              example = "PT30S")
          @Nullable String jitter,
      @Nullable DaylightSavingSchema daylightSaving,
      @Schema(
              description =
                  "ISO-8601 duration: an occurrence processed more than this after it was due, or"
                      + " after the next occurrence is also due, is missed and misfirePolicy"
                      + " decides; the scheduler's setting (60 s by default) when absent",
              example = "PT5M")
          @Nullable String misfireThreshold,
      @Schema(
              description =
                  "pause the job (pausedReason FAILURES) after this many consecutive scheduled"
                      + " occurrences whose final result is a failure; never when absent",
              minimum = "1",
              example = "3")
          @Nullable Integer pauseAfterFailures) {}

  @Schema(
      name = "DaylightSaving",
      description =
          "How a cron schedule treats wall times that a daylight-saving change skips (gap) or"
              + " repeats (overlap) in its time zone; ignored by intervals and one-time jobs.",
      example = "{\"gap\": \"SKIP\", \"overlap\": \"BOTH\"}")
  record DaylightSavingSchema(
      @Schema(
              description =
                  "a wall time that does not exist that day: FIRE_AT_TRANSITION fires at the end"
                      + " of the gap, SKIP does not fire that day",
              allowableValues = {"FIRE_AT_TRANSITION", "SKIP"},
              defaultValue = "FIRE_AT_TRANSITION")
          @Nullable String gap,
      @Schema(
              description =
                  "a wall time that exists twice that day: fire at the FIRST, the LAST or BOTH",
              allowableValues = {"FIRST", "LAST", "BOTH"},
              defaultValue = "FIRST")
          @Nullable String overlap) {}

  /** Where a target's text may hold placeholders, said once for every such field. */
  private static final String TEMPLATES =
      " May hold {{param.NAME}} (a key of the job's parameters), {{fire.id}},"
          + " {{fire.scheduledAt}}, {{fire.attempt}}, {{job.id}} and {{secret.NAME}}, filled in by"
          + " the worker for each fire; \\{{ writes a literal {{.";

  @Schema(
      name = "HttpTarget",
      description =
          "An HTTP call; a 2xx answer is a success. A 4xx other than 408, 425 and 429 is not"
              + " retried; a 429 or 503 with Retry-After delays the retry (at most maxBackoff).")
  record HttpTargetSchema(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String type,
      @Schema(defaultValue = HttpTarget.DEFAULT_METHOD) @Nullable String method,
      @Schema(
              description =
                  "absolute http(s) URL; values filled into it are percent-encoded." + TEMPLATES,
              example = "https://reports.example.com/{{param.region}}/run?fire={{fire.id}}")
          @Nullable String url,
      @Schema(description = "request headers." + TEMPLATES) @Nullable Map<String, String> headers,
      @Schema(
              description = "request body, sent as UTF-8." + TEMPLATES,
              example = "{\"job\":\"{{job.id}}\",\"at\":\"{{fire.scheduledAt}}\"}")
          @Nullable String body,
      @Schema(description = "ISO-8601 duration", defaultValue = "PT30S")
          @Nullable String timeout) {}

  @Schema(name = "KafkaTarget", description = "A record published to a Kafka topic.")
  record KafkaTargetSchema(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String type,
      @Schema(
              description =
                  "the topic to write to; never a reserved topic (400 on target.topic): one"
                      + " starting with the installation's topic prefix (scheduler. by default),"
                      + " ending in -changelog or -repartition, or starting with __",
              example = "orders.created")
          @Nullable String topic,
      @Schema(description = "the record key as UTF-8 text." + TEMPLATES, example = "{{job.id}}")
          @Nullable String key,
      @Schema(description = "record headers as UTF-8 text." + TEMPLATES)
          @Nullable Map<String, String> headers,
      @Schema(
              description =
                  "any JSON value: a string is written raw, anything else as JSON. A string may"
                      + " hold placeholders."
                      + TEMPLATES)
          @Nullable Object payload) {}

  @Schema(name = "RetryPolicy")
  record RetrySchema(
      @Schema(defaultValue = "3", description = "1 means no retry") int maxAttempts,
      @Schema(defaultValue = "PT1S") String initialBackoff,
      @Schema(defaultValue = "2.0") double multiplier,
      @Schema(defaultValue = "PT5M") String maxBackoff) {}

  @Schema(
      name = "JobDefinition",
      description = "What POST /jobs takes and the jobs topic carries.",
      example = JobExamples.DEFINITION)
  record DefinitionSchema(
      @Schema(description = "[A-Za-z0-9._-]{1,128}; generated (UUID) when absent")
          @Nullable String id,
      @Schema(
              description =
                  "[A-Za-z0-9._-]{1,128}; `default` when absent, or the namespace of a credential"
                      + " bound to one",
              defaultValue = "default",
              example = "reporting")
          @Nullable String namespace,
      @Schema(maxLength = 256) @Nullable String name,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) ScheduleSchema schedule,
      @Schema(ref = TargetSchemas.REF, requiredMode = Schema.RequiredMode.REQUIRED) Object target,
      @Schema(description = "JSON object handed to every fire")
          @Nullable Map<String, Object> parameters,
      @Nullable RetrySchema retry,
      @Schema(defaultValue = "false") boolean paused,
      @Schema(
              description =
                  "up to 32 labels: keys of 1 to 63 characters [a-z0-9._/-], string values of at"
                      + " most 255 characters; GET /jobs?label=key:value filters on them",
              example = "{\"team\": \"payments\", \"tier\": \"gold\"}")
          @Nullable Map<String, String> labels) {}

  @Schema(
      name = "Job",
      description = "A definition with the read-only fields the API adds, always present.",
      allOf = DefinitionSchema.class,
      example = JobExamples.JOB)
  record JobSchema(
      @Schema(accessMode = Schema.AccessMode.READ_ONLY, implementation = JobStatus.class)
          String status,
      @Schema(
              accessMode = Schema.AccessMode.READ_ONLY,
              description =
                  "why a PAUSED job is paused: MANUAL (paused by a request or on the jobs topic) or"
                      + " FAILURES (paused by the API after pauseAfterFailures consecutive failed"
                      + " occurrences); null when the job is not paused. Resuming clears it",
              allowableValues = {"MANUAL", "FAILURES"})
          @Nullable String pausedReason,
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
              description =
                  "increases with every change of the definition; the ETag begins with it, and"
                      + " If-Match compares it")
          long version,
      @Schema(accessMode = Schema.AccessMode.READ_ONLY) String createdAt,
      @Schema(accessMode = Schema.AccessMode.READ_ONLY) String updatedAt) {}

  @Schema(
      name = "TriggerRequest",
      description = "The optional body of a trigger.",
      example = JobExamples.TRIGGER)
  record TriggerSchema(
      @Schema(
              description =
                  "replaces the job's parameters for this fire only (its retries included); the"
                      + " job's own when absent")
          @Nullable Map<String, Object> parameters) {}

  @Schema(
      name = "BackfillRequest",
      description = "The range of occurrences to fire, [from, to).",
      example = JobExamples.BACKFILL)
  record BackfillSchema(
      @Schema(
              requiredMode = Schema.RequiredMode.REQUIRED,
              description = "ISO-8601 instant, the first occurrence that may fire (inclusive)",
              example = "2027-03-01T00:00:00Z")
          String from,
      @Schema(
              requiredMode = Schema.RequiredMode.REQUIRED,
              description = "ISO-8601 instant after from, exclusive",
              example = "2027-03-08T00:00:00Z")
          String to) {}

  @Schema(name = "JobPage")
  record JobPageSchema(
      List<JobSchema> items,
      @Schema(description = "pass as `cursor` for the next page; null on the last page")
          @Nullable String nextCursor) {}

  @Schema(name = "JobBatch", example = JobExamples.BATCH)
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

  @Schema(name = "JobBatchResult", example = JobExamples.BATCH_RESULT)
  record BatchResultSchema(List<BatchItemSchema> items) {}
}
