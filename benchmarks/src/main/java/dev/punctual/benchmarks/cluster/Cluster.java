package dev.punctual.benchmarks.cluster;

import java.util.List;
import java.util.Optional;

/** The Punctual installation a benchmark runs against. */
public interface Cluster extends AutoCloseable {

  String bootstrapServers();

  /** The REST API's base URL, starting the API first if this cluster manages it. */
  Optional<String> apiUrl();

  /** The scheduler processes this cluster started; empty for an external cluster. */
  List<ServiceProcess> schedulers();

  /** The worker processes this cluster started; empty for an external cluster. */
  List<ServiceProcess> workers();

  /** Whether this cluster can start, stop and kill schedulers (scale and failover need it). */
  boolean controlsProcesses();

  /** Starts one more scheduler process and waits until it is ready. */
  ServiceProcess addScheduler(String name, boolean freshState);

  /** Removes a scheduler from {@link #schedulers()} (after it was stopped or killed). */
  void forget(ServiceProcess scheduler);

  @Override
  void close();
}
