package dev.punctual.benchmarks.cluster;

import java.util.List;
import java.util.Optional;

/** The Punctual installation a benchmark runs against. */
public interface Cluster extends AutoCloseable {

  String bootstrapServers();

  /** The REST API's base URL, starting the API first if this cluster manages it. */
  Optional<String> apiUrl();

  /**
   * The base URL of the API's management endpoints ({@code /actuator/prometheus}), starting the API
   * first if this cluster manages it; empty when there is no API.
   */
  Optional<String> apiManagementUrl();

  /**
   * The scheduler processes this cluster started; by default none (an external cluster, or the
   * standalone, whose scheduler runs inside its one process).
   */
  default List<ServiceProcess> schedulers() {
    return List.of();
  }

  /** The worker processes this cluster started; by default none. */
  default List<ServiceProcess> workers() {
    return List.of();
  }

  /**
   * Whether this cluster can start, stop and kill schedulers (scale and failover need it); by
   * default not.
   */
  default boolean controlsProcesses() {
    return false;
  }

  /** Starts one more scheduler process and waits until it is ready. */
  default ServiceProcess addScheduler(String name, boolean freshState) {
    throw new UnsupportedOperationException("this cluster's schedulers are not the benchmark's");
  }

  /** Removes a scheduler from {@link #schedulers()} (after it was stopped or killed). */
  default void forget(ServiceProcess scheduler) {}

  @Override
  void close();
}
