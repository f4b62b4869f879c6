package dev.punctual.benchmarks.cluster;

import dev.punctual.benchmarks.BenchmarkOptions;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An installation started by someone else, known by its Kafka bootstrap servers and API URLs. The
 * benchmark cannot start or kill its schedulers, so scale, failover and coldstart are skipped. It
 * creates the Kafka targets' topic there if it is missing.
 */
public record ExternalCluster(
    String bootstrapServers, @Nullable String api, @Nullable String apiManagement)
    implements Cluster {

  /** The installation {@code options} name, with the Kafka targets' topic created if missing. */
  public static ExternalCluster connect(BenchmarkOptions options) {
    OutputTopic.ensure(options.bootstrapServers(), options.partitions());
    return new ExternalCluster(
        options.bootstrapServers(), options.apiUrl(), options.apiManagementUrl());
  }

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
