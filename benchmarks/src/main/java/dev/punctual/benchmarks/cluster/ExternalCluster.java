package dev.punctual.benchmarks.cluster;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An installation started by someone else, known by its Kafka bootstrap servers and API URL. The
 * benchmark cannot start or kill its schedulers, so scale and failover are skipped.
 */
public record ExternalCluster(String bootstrapServers, @Nullable String api) implements Cluster {

  @Override
  public Optional<String> apiUrl() {
    return Optional.ofNullable(api);
  }

  @Override
  public List<ServiceProcess> schedulers() {
    return List.of();
  }

  @Override
  public List<ServiceProcess> workers() {
    return List.of();
  }

  @Override
  public boolean controlsProcesses() {
    return false;
  }

  @Override
  public ServiceProcess addScheduler(String name, boolean freshState) {
    throw new UnsupportedOperationException("an external cluster's schedulers are not ours");
  }

  @Override
  public void forget(ServiceProcess scheduler) {}

  @Override
  public void close() {}
}
