package dev.punctual.client;

import dev.punctual.model.job.JobStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The filters of {@code GET /jobs}; a job is listed when it matches all of them. Start from {@link
 * #all()} and narrow: {@code JobQuery.all().withStatus(JobStatus.PAUSED).withLabel("team", "pay")}.
 *
 * @param status only jobs with this status, as shown now
 * @param namePrefix only jobs whose name starts with this, ignoring case
 * @param namespace only jobs of this namespace
 * @param labels only jobs with every one of these labels
 * @param pageSize how many jobs one request fetches; {@code null} for the API's default
 */
public record JobQuery(
    @Nullable JobStatus status,
    @Nullable String namePrefix,
    @Nullable String namespace,
    Map<String, String> labels,
    @Nullable Integer pageSize) {

  public JobQuery {
    labels = Map.copyOf(labels);
    if (pageSize != null && pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be at least 1, was " + pageSize);
    }
  }

  /** Every job the credential sees. */
  public static JobQuery all() {
    return new JobQuery(null, null, null, Map.of(), null);
  }

  public JobQuery withStatus(@Nullable JobStatus newStatus) {
    return new JobQuery(newStatus, namePrefix, namespace, labels, pageSize);
  }

  public JobQuery withNamePrefix(@Nullable String prefix) {
    return new JobQuery(status, prefix, namespace, labels, pageSize);
  }

  public JobQuery withNamespace(@Nullable String newNamespace) {
    return new JobQuery(status, namePrefix, newNamespace, labels, pageSize);
  }

  /** This query, also requiring the label {@code key} with {@code value}. */
  public JobQuery withLabel(String key, String value) {
    var more = new LinkedHashMap<>(labels);
    more.put(key, value);
    return new JobQuery(status, namePrefix, namespace, more, pageSize);
  }

  public JobQuery withPageSize(@Nullable Integer size) {
    return new JobQuery(status, namePrefix, namespace, labels, size);
  }
}
