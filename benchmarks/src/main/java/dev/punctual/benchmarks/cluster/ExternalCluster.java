package dev.punctual.benchmarks.cluster;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An installation started by someone else, known by its Kafka bootstrap servers and API URLs. The
 * benchmark cannot start or kill its schedulers, so scale, failover and coldstart are skipped.
 */
public record ExternalCluster(
    String bootstrapServers, @Nullable String api, @Nullable String apiManagement)
    implements Cluster {

  @Override
  public Optional<String> apiUrl() {
    return Optional.ofNullable(api);
  }

  @Override
  public Optional<String> apiManagementUrl() {
    return Optional.ofNullable(apiManagement);
  }

  @Override
  public void close() {}
}
