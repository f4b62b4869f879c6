package dev.punctual.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What to run and how big, from {@code --key=value} arguments. {@code --smoke} shrinks every size
 * so the whole run takes about a minute (CI runs that to check the benchmarks work).
 *
 * @param scenarios which scenarios to run, in this order
 * @param bootstrapServers an existing Kafka cluster to use instead of an embedded one
 * @param apiUrl the REST API of an existing installation (with {@code bootstrapServers})
 * @param partitions partitions per topic of an embedded cluster
 * @param rawRecords records the raw producer sends
 * @param burstJobs one-time jobs all due in the same second (300,000 by default: smaller bursts
 *     last only a few seconds and mostly measure the JIT warming up)
 * @param steadyJobs jobs firing every {@code steadyPeriod}, phases spread evenly
 * @param steadyPeriod their interval
 * @param steadyWarmup load before measuring
 * @param steadyDuration the measured window
 * @param apiCreates single {@code POST /jobs} requests
 * @param apiConcurrency concurrent clients for them
 * @param apiBatchJobs jobs created through {@code POST /jobs/batch} (then in PostgreSQL for the
 *     page-latency measurement)
 * @param apiPageReads pages read to measure {@code GET /jobs} latency
 * @param scaleJobs active jobs the scheduler holds for the heap and restore measurement
 * @param failoverJobs jobs firing every {@code failoverPeriod} during the failover run
 * @param failoverPeriod their interval
 * @param failoverAfterKill how long to keep measuring after the kill
 * @param schedulerHeap the {@code -Xmx} of each scheduler process
 * @param report where the JSON report goes
 */
public record BenchmarkOptions(
    List<String> scenarios,
    @Nullable String bootstrapServers,
    @Nullable String apiUrl,
    int partitions,
    int rawRecords,
    int burstJobs,
    int steadyJobs,
    Duration steadyPeriod,
    Duration steadyWarmup,
    Duration steadyDuration,
    int apiCreates,
    int apiConcurrency,
    int apiBatchJobs,
    int apiPageReads,
    int scaleJobs,
    int failoverJobs,
    Duration failoverPeriod,
    Duration failoverAfterKill,
    String schedulerHeap,
    Path report) {

  public static final List<String> ALL_SCENARIOS =
      List.of("raw", "burst", "steady", "api", "scale", "failover");

  private static final Set<String> FLAGS = Set.of("smoke");

  public BenchmarkOptions {
    scenarios.forEach(
        s -> {
          if (!ALL_SCENARIOS.contains(s)) {
            throw new IllegalArgumentException(
                "unknown scenario '" + s + "'; choose from " + String.join(",", ALL_SCENARIOS));
          }
        });
    if ((bootstrapServers == null) != (apiUrl == null) && apiUrl != null) {
      throw new IllegalArgumentException("--api-url needs --bootstrap-servers");
    }
  }

  /** Whether to use an existing installation rather than start one. */
  public boolean external() {
    return bootstrapServers != null;
  }

  public static BenchmarkOptions parse(String... args) {
    var values = toMap(args);
    boolean smoke = values.containsKey("smoke");
    var options =
        new BenchmarkOptions(
            list(values.remove("scenarios"), ALL_SCENARIOS),
            values.remove("bootstrap-servers"),
            values.remove("api-url"),
            integer(values.remove("partitions"), 6),
            integer(values.remove("raw-records"), smoke ? 20_000 : 2_000_000),
            integer(values.remove("burst-jobs"), smoke ? 500 : 300_000),
            integer(values.remove("steady-jobs"), smoke ? 200 : 100_000),
            duration(values.remove("steady-period"), Duration.ofSeconds(smoke ? 2 : 10)),
            duration(values.remove("steady-warmup"), Duration.ofSeconds(smoke ? 4 : 30)),
            duration(values.remove("steady-duration"), Duration.ofSeconds(smoke ? 6 : 60)),
            integer(values.remove("api-creates"), smoke ? 100 : 5_000),
            integer(values.remove("api-concurrency"), 32),
            integer(values.remove("api-batch-jobs"), smoke ? 2_000 : 1_000_000),
            integer(values.remove("api-page-reads"), smoke ? 20 : 200),
            integer(values.remove("scale-jobs"), smoke ? 2_000 : 1_000_000),
            integer(values.remove("failover-jobs"), smoke ? 200 : 20_000),
            duration(values.remove("failover-period"), Duration.ofSeconds(smoke ? 2 : 10)),
            duration(values.remove("failover-after-kill"), Duration.ofSeconds(smoke ? 20 : 60)),
            values.getOrDefault("scheduler-heap", "1g"),
            Path.of(values.getOrDefault("report", "benchmarks/target/benchmark-report.json")));
    values.remove("scheduler-heap");
    values.remove("report");
    FLAGS.forEach(values::remove);
    if (!values.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown options: --" + String.join(", --", values.keySet()));
    }
    return options;
  }

  private static Map<String, String> toMap(String[] args) {
    var map = new LinkedHashMap<String, String>();
    for (var arg : args) {
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("'" + arg + "' is not of the form --key=value");
      }
      int equals = arg.indexOf('=');
      if (equals < 0) {
        map.put(arg.substring(2), "true");
      } else {
        map.put(arg.substring(2, equals), arg.substring(equals + 1));
      }
    }
    return map;
  }

  private static List<String> list(@Nullable String value, List<String> fallback) {
    return value == null ? fallback : Arrays.stream(value.split(",")).map(String::trim).toList();
  }

  private static int integer(@Nullable String value, int fallback) {
    return value == null ? fallback : Integer.parseInt(value.replace("_", ""));
  }

  private static Duration duration(@Nullable String value, Duration fallback) {
    return value == null ? fallback : Duration.parse(value);
  }
}
