package dev.punctual.benchmarks;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What to run and how big, from {@code --key=value} arguments. {@code --smoke} shrinks every size
 * so the whole run takes a few minutes (CI runs that to check the benchmarks work); {@code --jfr}
 * records a JFR profile of every process the benchmark starts.
 *
 * @param scenarios which scenarios to run, in this order
 * @param bootstrapServers an existing Kafka cluster to use instead of an embedded one
 * @param apiUrl the REST API of an existing installation (with {@code bootstrapServers})
 * @param apiManagementUrl its management endpoints ({@code /actuator/prometheus}): by default the
 *     API's host on port 3018, where api-service serves them; null for an embedded API (the
 *     benchmark knows where it put them)
 * @param partitions partitions per topic of an embedded cluster
 * @param rawRecords records the raw producer sends
 * @param burstJobs one-time jobs all due in the same second (300,000 by default: smaller bursts
 *     last only a few seconds and mostly measure the JIT warming up)
 * @param steadyJobs jobs firing every {@code steadyPeriod}, phases spread evenly
 * @param steadyPeriod their interval
 * @param steadyWarmup load before measuring
 * @param steadyDuration the measured window
 * @param lightJobs jobs of the light load (split profile), firing every {@code lightPeriod}
 * @param lightPeriod their interval (2,000 jobs every 5 s = 400 fires/s)
 * @param lightWarmup load before measuring the light load
 * @param lightDuration its measured window
 * @param apiCreates single {@code POST /jobs} requests
 * @param apiConcurrency concurrent clients for them
 * @param apiBatchJobs jobs created through {@code POST /jobs/batch} (then in PostgreSQL for the
 *     page-latency measurement)
 * @param apiPageReads pages read to measure {@code GET /jobs} latency
 * @param scaleJobs active jobs the scheduler holds for the heap and restore measurement
 * @param failoverJobs jobs firing every {@code failoverPeriod} during the failover run
 * @param failoverPeriod their interval
 * @param failoverAfterKill how long to keep measuring after the kill
 * @param standaloneJobs jobs created through the standalone's {@code POST /jobs/batch}, firing
 *     every {@code standalonePeriod} (50,000 every 10 s = 5,000 fires/s)
 * @param standalonePeriod their interval
 * @param standaloneFirstWindow the first window, from the first occurrence on: no warm-up hidden
 * @param standaloneWindow the window measured right after it
 * @param coldstartJobs jobs created on a freshly started standalone as soon as its API is ready
 * @param coldstartPeriod their interval
 * @param coldstartWindow how long after their first occurrence their lateness is measured
 * @param chaosDuration how long the chaos scenario runs its load, kills and restarts before it
 *     quiesces and checks (30 min)
 * @param chaosRate fires per second of its stable jobs (2,000)
 * @param chaosPeriod the interval of its stable jobs (10 s): {@code chaosRate × chaosPeriod} jobs
 * @param chaosKillEvery how often it SIGKILLs a random scheduler, worker or API process and starts
 *     it again (60 s)
 * @param chaosBrokerEvery how often it restarts the broker, on the same log directory and port (5
 *     min)
 * @param chaosSchedulers scheduler processes of its cluster (3)
 * @param chaosWorkers worker processes of its cluster (2)
 * @param chaosApis API processes of its cluster (2)
 * @param schedulerHeap the {@code -Xmx} of each scheduler process
 * @param standaloneJvmOptions JVM options added to the standalone's launch in the standalone
 *     scenarios (separated by spaces; none by default, so that they measure what {@code ./punctual
 *     run} starts): to try a JVM setting, such as {@code -XX:TieredStopAtLevel=1}, on the system
 *     users run
 * @param jfr whether every process the benchmark starts records a JFR profile into its log
 *     directory
 * @param report where the JSON report goes
 */
public record BenchmarkOptions(
    List<String> scenarios,
    @Nullable String bootstrapServers,
    @Nullable String apiUrl,
    @Nullable String apiManagementUrl,
    int partitions,
    int rawRecords,
    int burstJobs,
    int steadyJobs,
    Duration steadyPeriod,
    Duration steadyWarmup,
    Duration steadyDuration,
    int lightJobs,
    Duration lightPeriod,
    Duration lightWarmup,
    Duration lightDuration,
    int apiCreates,
    int apiConcurrency,
    int apiBatchJobs,
    int apiPageReads,
    int scaleJobs,
    int failoverJobs,
    Duration failoverPeriod,
    Duration failoverAfterKill,
    int standaloneJobs,
    Duration standalonePeriod,
    Duration standaloneFirstWindow,
    Duration standaloneWindow,
    int coldstartJobs,
    Duration coldstartPeriod,
    Duration coldstartWindow,
    Duration chaosDuration,
    int chaosRate,
    Duration chaosPeriod,
    Duration chaosKillEvery,
    Duration chaosBrokerEvery,
    int chaosSchedulers,
    int chaosWorkers,
    int chaosApis,
    String schedulerHeap,
    List<String> standaloneJvmOptions,
    boolean jfr,
    Path report) {

  public static final List<String> ALL_SCENARIOS =
      List.of(
          "raw", "burst", "steady", "light", "api", "scale", "failover", "standalone", "coldstart");

  /**
   * Scenarios that run only when named in {@code --scenarios}: the chaos soak lasts half an hour
   * and kills processes, which no default run should do unasked.
   */
  public static final List<String> ON_REQUEST_SCENARIOS = List.of("chaos");

  /** Where api-service serves its management endpoints unless told otherwise. */
  public static final int DEFAULT_API_MANAGEMENT_PORT = 3018;

  private static final Set<String> FLAGS = Set.of("smoke", "jfr");

  public BenchmarkOptions {
    standaloneJvmOptions = List.copyOf(standaloneJvmOptions);
    scenarios.forEach(
        s -> {
          if (!ALL_SCENARIOS.contains(s) && !ON_REQUEST_SCENARIOS.contains(s)) {
            throw new IllegalArgumentException(
                "unknown scenario '"
                    + s
                    + "'; choose from "
                    + String.join(",", ALL_SCENARIOS)
                    + ","
                    + String.join(",", ON_REQUEST_SCENARIOS));
          }
        });
    if ((bootstrapServers == null) != (apiUrl == null) && apiUrl != null) {
      throw new IllegalArgumentException("--api-url needs --bootstrap-servers");
    }
    if (chaosSchedulers < 2 || chaosWorkers < 1 || chaosApis < 1) {
      throw new IllegalArgumentException(
          "the chaos cluster needs at least 2 schedulers (one takes over from a killed one), 1"
              + " worker and 1 API instance");
    }
    if (apiManagementUrl != null && apiUrl == null) {
      throw new IllegalArgumentException("--api-management-url needs --api-url");
    }
  }

  /**
   * Where the logs and recordings of {@code scenario} go: {@code logs/<scenario>} beside the
   * report.
   */
  public Path logsOf(String scenario) {
    return report.toAbsolutePath().resolveSibling("logs").resolve(scenario);
  }

  /** Whether to use an existing installation rather than start one. */
  public boolean external() {
    return bootstrapServers != null;
  }

  public static BenchmarkOptions parse(String... args) {
    var values = toMap(args);
    boolean smoke = values.containsKey("smoke");
    var apiUrl = values.remove("api-url");
    var options =
        new BenchmarkOptions(
            list(values.remove("scenarios"), ALL_SCENARIOS),
            values.remove("bootstrap-servers"),
            apiUrl,
            managementUrl(values.remove("api-management-url"), apiUrl),
            integer(values.remove("partitions"), 6),
            integer(values.remove("raw-records"), smoke ? 20_000 : 2_000_000),
            integer(values.remove("burst-jobs"), smoke ? 500 : 300_000),
            integer(values.remove("steady-jobs"), smoke ? 200 : 100_000),
            duration(values.remove("steady-period"), seconds(smoke ? 2 : 10)),
            duration(values.remove("steady-warmup"), seconds(smoke ? 4 : 30)),
            duration(values.remove("steady-duration"), seconds(smoke ? 6 : 60)),
            integer(values.remove("light-jobs"), smoke ? 100 : 2_000),
            duration(values.remove("light-period"), seconds(smoke ? 2 : 5)),
            duration(values.remove("light-warmup"), seconds(smoke ? 4 : 30)),
            duration(values.remove("light-duration"), seconds(smoke ? 6 : 60)),
            integer(values.remove("api-creates"), smoke ? 100 : 5_000),
            integer(values.remove("api-concurrency"), 32),
            integer(values.remove("api-batch-jobs"), smoke ? 2_000 : 1_000_000),
            integer(values.remove("api-page-reads"), smoke ? 20 : 200),
            integer(values.remove("scale-jobs"), smoke ? 2_000 : 1_000_000),
            integer(values.remove("failover-jobs"), smoke ? 200 : 20_000),
            duration(values.remove("failover-period"), seconds(smoke ? 2 : 10)),
            duration(values.remove("failover-after-kill"), seconds(smoke ? 20 : 60)),
            integer(values.remove("standalone-jobs"), smoke ? 200 : 50_000),
            duration(values.remove("standalone-period"), seconds(smoke ? 2 : 10)),
            duration(values.remove("standalone-first-window"), seconds(smoke ? 6 : 60)),
            duration(values.remove("standalone-window"), seconds(smoke ? 6 : 60)),
            integer(values.remove("coldstart-jobs"), smoke ? 50 : 500),
            duration(values.remove("coldstart-period"), seconds(1)),
            duration(values.remove("coldstart-window"), seconds(smoke ? 5 : 10)),
            duration(values.remove("chaos-duration"), Duration.ofMinutes(smoke ? 2 : 30)),
            integer(values.remove("chaos-rate"), smoke ? 200 : 2_000),
            duration(values.remove("chaos-period"), seconds(smoke ? 5 : 10)),
            duration(values.remove("chaos-kill-every"), seconds(smoke ? 20 : 60)),
            duration(values.remove("chaos-broker-every"), seconds(smoke ? 60 : 300)),
            integer(values.remove("chaos-schedulers"), 3),
            integer(values.remove("chaos-workers"), 2),
            integer(values.remove("chaos-apis"), 2),
            Objects.requireNonNullElse(values.remove("scheduler-heap"), "1g"),
            words(values.remove("standalone-jvm-options")),
            values.containsKey("jfr"),
            Path.of(
                Objects.requireNonNullElse(
                    values.remove("report"), "benchmarks/target/benchmark-report.json")));
    FLAGS.forEach(values::remove);
    if (!values.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown options: --" + String.join(", --", values.keySet()));
    }
    return options;
  }

  /** The given management URL, else the API URL's host on the default management port. */
  static @Nullable String managementUrl(@Nullable String given, @Nullable String apiUrl) {
    if (given != null || apiUrl == null) {
      return given;
    }
    var api = URI.create(apiUrl);
    return api.getScheme() + "://" + api.getHost() + ":" + DEFAULT_API_MANAGEMENT_PORT;
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

  private static List<String> words(@Nullable String value) {
    return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
  }

  private static int integer(@Nullable String value, int fallback) {
    return value == null ? fallback : Integer.parseInt(value.replace("_", ""));
  }

  private static Duration seconds(long seconds) {
    return Duration.ofSeconds(seconds);
  }

  private static Duration duration(@Nullable String value, Duration fallback) {
    return value == null ? fallback : Duration.parse(value);
  }
}
