package dev.punctual.api.job;

import dev.punctual.api.security.Caller;
import dev.punctual.api.system.InvalidRequestException;
import dev.punctual.api.system.TextParameters;
import dev.punctual.model.job.JobStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The filters of {@code GET /jobs}.
 *
 * @param status only jobs with this status (as shown at the time of the request)
 * @param namePrefix only jobs whose name starts with this, ignoring case
 * @param namespace only jobs of this namespace, as asked
 * @param callerNamespace only jobs of this namespace, the only one the caller sees
 * @param labels only jobs that have all these labels (key to value); empty for any
 */
record JobFilter(
    @Nullable JobStatus status,
    @Nullable String namePrefix,
    @Nullable String namespace,
    @Nullable String callerNamespace,
    Map<String, String> labels) {

  static final JobFilter NONE = new JobFilter(null, null, null, null, Map.of());

  JobFilter {
    labels = Map.copyOf(labels);
  }

  /**
   * The filter from the request's parameters.
   *
   * @throws InvalidRequestException naming the parameter at fault
   */
  static JobFilter of(@Nullable String status, @Nullable String name) {
    return of(status, name, null);
  }

  /**
   * The filter from the request's parameters, with a namespace; see {@link #of(String, String)}.
   */
  static JobFilter of(@Nullable String status, @Nullable String name, @Nullable String namespace) {
    if (namespace != null
        && !namespace.isEmpty()
        && !dev.punctual.model.job.JobDefinition.isValidNamespace(namespace)) {
      throw new InvalidRequestException(
          "namespace", "must be 1 to 128 letters, digits, '.', '_' or '-', like a job's namespace");
    }
    JobStatus parsed = null;
    if (status != null && !status.isEmpty()) {
      try {
        parsed = JobStatus.valueOf(status);
      } catch (IllegalArgumentException e) {
        throw new InvalidRequestException(
            "status",
            "must be one of "
                + Arrays.stream(JobStatus.values())
                    .map(Enum::name)
                    .collect(Collectors.joining(", "))
                + ", was '"
                + status
                + "'");
      }
    }
    TextParameters.storable("name", name);
    if (name != null && name.length() > dev.punctual.model.job.JobDefinition.MAX_NAME_LENGTH) {
      throw new InvalidRequestException(
          "name",
          "must be at most "
              + dev.punctual.model.job.JobDefinition.MAX_NAME_LENGTH
              + " characters, like a job's name");
    }
    return new JobFilter(
        parsed,
        name == null || name.isEmpty() ? null : name,
        namespace == null || namespace.isEmpty() ? null : namespace,
        null,
        Map.of());
  }

  /** This filter narrowed to what {@code caller} sees. */
  JobFilter seenBy(Caller caller) {
    return new JobFilter(status, namePrefix, namespace, caller.namespace(), labels);
  }

  /**
   * This filter narrowed to jobs with all the labels of the request's {@code label} parameters.
   *
   * @throws InvalidRequestException naming {@code label} when one is malformed
   */
  JobFilter withLabels(@Nullable List<String> label) {
    return new JobFilter(status, namePrefix, namespace, callerNamespace, LabelFilter.parse(label));
  }

  /**
   * Whether the database's answer must be filtered further: ACTIVE and COMPLETED are derived from
   * the definition and the time.
   */
  boolean needsOutlook() {
    return status == JobStatus.ACTIVE || status == JobStatus.COMPLETED;
  }

  /** Whether the job, as shown at {@code now}, matches (the name was matched by the database). */
  boolean matches(JobRow job, Instant now) {
    return !needsOutlook()
        || JobOutlook.of(job.definition(), job.scheduledRuns(), now).status() == status;
  }
}
