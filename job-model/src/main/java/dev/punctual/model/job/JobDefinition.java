package dev.punctual.model.job;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.punctual.model.schedule.Schedule;
import dev.punctual.model.validation.Violations;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A job: what to run ({@link Target}), when ({@link Schedule}), with which parameters, and how to
 * retry. This is the value of a record on the jobs topic (whose key is the {@code id}) and the body
 * of {@code POST /jobs}; what one accepts, the other accepts.
 *
 * <p>The read-only fields the REST API adds to a job ({@code status}, {@code pausedReason}, {@code
 * nextRunAt}, {@code lastRunAt}, {@code lastRunStatus}) are ignored when a definition is read, so a
 * job fetched with {@code GET} can be sent back with {@code PUT}; so is the {@code progress} a
 * record of the jobs topic may carry ({@link RunProgress}, read by {@link
 * dev.punctual.model.json.JobDefinitionCodec#parseRecord}).
 *
 * @param id {@code [A-Za-z0-9._-]{1,128}}; the record key on the jobs topic
 * @param name a label for people, at most {@value #MAX_NAME_LENGTH} characters
 * @param schedule when the job fires
 * @param target what a fire executes
 * @param parameters a JSON object handed to every fire unchanged; empty when absent. Its top-level
 *     keys are the names a target's {@code {{param.NAME}}} placeholders may use ({@link
 *     Placeholders})
 * @param retry the retry policy; {@link RetryPolicy#DEFAULT} when absent
 * @param paused a paused job keeps its definition but does not fire on schedule
 * @param version increases with every change made through the REST API; a record with a lower
 *     version than the one already known is stale. Absent on definitions produced by others.
 * @param createdAt when the job was first created; the phase of an interval without {@code
 *     startAt}. Absent on definitions produced by others (the scheduler then uses the time it first
 *     sees the job).
 * @param updatedAt when the definition last changed
 * @param namespace the namespace the job belongs to, {@value #DEFAULT_NAMESPACE} when absent; the
 *     same pattern as {@code id}. An API key or JWT bound to a namespace sees and changes only its
 *     jobs. Ids stay unique across namespaces.
 * @param labels up to {@value #MAX_LABELS} labels: keys of 1 to 63 characters {@code [a-z0-9._/-]},
 *     values of at most {@value #MAX_LABEL_VALUE_LENGTH} characters; empty when absent. {@code GET
 *     /jobs?label=key:value} filters on them
 */
@JsonIgnoreProperties({
  "status",
  "pausedReason",
  "nextRunAt",
  "lastRunAt",
  "lastRunStatus",
  RunProgress.FIELD
})
@JsonPropertyOrder({
  "id",
  "namespace",
  "name",
  "schedule",
  "target",
  "parameters",
  "retry",
  "paused",
  "version",
  "createdAt",
  "updatedAt",
  "labels"
})
public record JobDefinition(
    String id,
    @Nullable String name,
    Schedule schedule,
    Target target,
    ObjectNode parameters,
    RetryPolicy retry,
    boolean paused,
    @Nullable Long version,
    @Nullable Instant createdAt,
    @Nullable Instant updatedAt,
    String namespace,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> labels) {

  /** The namespace of a job that names none. */
  public static final String DEFAULT_NAMESPACE = "default";

  public static final int MAX_ID_LENGTH = 128;
  public static final int MAX_NAME_LENGTH = 256;
  public static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9._-]{1,128}");
  public static final int MAX_LABELS = 32;
  public static final int MAX_LABEL_VALUE_LENGTH = 255;
  public static final Pattern LABEL_KEY_PATTERN = Pattern.compile("[a-z0-9._/-]{1,63}");

  public JobDefinition {
    parameters = parameters == null ? JsonNodeFactory.instance.objectNode() : parameters;
    retry = retry == null ? RetryPolicy.DEFAULT : retry;
    createdAt = createdAt == null ? null : createdAt.truncatedTo(ChronoUnit.MILLIS);
    updatedAt = updatedAt == null ? null : updatedAt.truncatedTo(ChronoUnit.MILLIS);
    namespace = namespace == null ? DEFAULT_NAMESPACE : namespace;
    labels = labels == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(labels));
    var violations = new Violations();
    checkId(id, violations);
    checkLabels(labels, violations);
    violations.check(
        isValidNamespace(namespace),
        "namespace",
        "'"
            + abbreviate(namespace)
            + "' is not a valid namespace: use 1 to "
            + MAX_ID_LENGTH
            + " letters, digits, '.', '_' or '-'");
    violations
        .check(
            name == null || name.length() <= MAX_NAME_LENGTH,
            "name",
            "must be at most " + MAX_NAME_LENGTH + " characters")
        .check(schedule != null, "schedule", "is required")
        .check(target != null, "target", "is required")
        .check(version == null || version >= 0, "version", "must not be negative");
    if (target != null) {
      TargetTemplates.check(target, parameters, violations);
    }
    violations.throwIfAny();
  }

  /**
   * A new, active definition with every default: no parameters, the default retry policy, the
   * namespace {@value #DEFAULT_NAMESPACE}, no labels.
   */
  public static JobDefinition of(
      String id, @Nullable String name, Schedule schedule, Target target) {
    return new JobDefinition(
        id,
        name,
        schedule,
        target,
        null,
        null,
        false,
        null,
        null,
        null,
        DEFAULT_NAMESPACE,
        Map.of());
  }

  /** A definition without labels. */
  public JobDefinition(
      String id,
      @Nullable String name,
      Schedule schedule,
      Target target,
      ObjectNode parameters,
      RetryPolicy retry,
      boolean paused,
      @Nullable Long version,
      @Nullable Instant createdAt,
      @Nullable Instant updatedAt,
      String namespace) {
    this(
        id,
        name,
        schedule,
        target,
        parameters,
        retry,
        paused,
        version,
        createdAt,
        updatedAt,
        namespace,
        Map.of());
  }

  /** A definition in the namespace {@value #DEFAULT_NAMESPACE}, without labels. */
  public JobDefinition(
      String id,
      @Nullable String name,
      Schedule schedule,
      Target target,
      ObjectNode parameters,
      RetryPolicy retry,
      boolean paused,
      @Nullable Long version,
      @Nullable Instant createdAt,
      @Nullable Instant updatedAt) {
    this(
        id,
        name,
        schedule,
        target,
        parameters,
        retry,
        paused,
        version,
        createdAt,
        updatedAt,
        DEFAULT_NAMESPACE);
  }

  /** Whether {@code namespace} is a valid namespace (the same pattern as an id). */
  public static boolean isValidNamespace(@Nullable String namespace) {
    return isValidId(namespace);
  }

  /** Whether {@code id} is a valid job id. */
  public static boolean isValidId(@Nullable String id) {
    return id != null && ID_PATTERN.matcher(id).matches();
  }

  /** This definition with another id. */
  public JobDefinition withId(String newId) {
    return new JobDefinition(
        newId,
        name,
        schedule,
        target,
        parameters,
        retry,
        paused,
        version,
        createdAt,
        updatedAt,
        namespace,
        labels);
  }

  /** This definition paused or resumed. */
  public JobDefinition withPaused(boolean newPaused) {
    return new JobDefinition(
        id,
        name,
        schedule,
        target,
        parameters,
        retry,
        newPaused,
        version,
        createdAt,
        updatedAt,
        namespace,
        labels);
  }

  /** This definition with the bookkeeping fields the REST API maintains. */
  public JobDefinition withVersion(long newVersion, Instant created, Instant updated) {
    return new JobDefinition(
        id,
        name,
        schedule,
        target,
        parameters,
        retry,
        paused,
        newVersion,
        created,
        updated,
        namespace,
        labels);
  }

  /** This definition in another namespace. */
  public JobDefinition withNamespace(String newNamespace) {
    return new JobDefinition(
        id,
        name,
        schedule,
        target,
        parameters,
        retry,
        paused,
        version,
        createdAt,
        updatedAt,
        newNamespace,
        labels);
  }

  /**
   * Whether two definitions describe the same job, ignoring the bookkeeping fields ({@code
   * version}, {@code createdAt}, {@code updatedAt}).
   */
  public boolean sameDefinitionAs(JobDefinition other) {
    return id.equals(other.id)
        && namespace.equals(other.namespace)
        && java.util.Objects.equals(name, other.name)
        && schedule.equals(other.schedule)
        && target.equals(other.target)
        && parameters.equals(other.parameters)
        && retry.equals(other.retry)
        && paused == other.paused
        && labels.equals(other.labels);
  }

  private static void checkId(@Nullable String id, Violations violations) {
    if (id == null || id.isEmpty()) {
      violations.add("id", "is required");
    } else if (!ID_PATTERN.matcher(id).matches()) {
      violations.add(
          "id",
          "'"
              + abbreviate(id)
              + "' is not a valid id: use 1 to "
              + MAX_ID_LENGTH
              + " letters, digits, '.', '_' or '-'");
    }
  }

  /** This definition with other labels. */
  public JobDefinition withLabels(Map<String, String> newLabels) {
    return new JobDefinition(
        id,
        name,
        schedule,
        target,
        parameters,
        retry,
        paused,
        version,
        createdAt,
        updatedAt,
        namespace,
        newLabels);
  }

  private static void checkLabels(Map<String, String> labels, Violations violations) {
    violations.check(
        labels.size() <= MAX_LABELS, "labels", "must have at most " + MAX_LABELS + " entries");
    for (var label : labels.entrySet()) {
      if (!LABEL_KEY_PATTERN.matcher(label.getKey()).matches()) {
        violations.add(
            "labels",
            "'"
                + abbreviate(label.getKey())
                + "' is not a valid label key: use 1 to 63 of a-z, 0-9, '.', '_', '/' or '-'");
      } else if (label.getValue() == null) {
        violations.add("labels." + label.getKey(), "must be a string");
      } else if (label.getValue().length() > MAX_LABEL_VALUE_LENGTH) {
        violations.add(
            "labels." + label.getKey(),
            "must be at most " + MAX_LABEL_VALUE_LENGTH + " characters");
      }
    }
  }

  private static String abbreviate(@Nullable String text) {
    if (text == null) {
      return "null";
    }
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
