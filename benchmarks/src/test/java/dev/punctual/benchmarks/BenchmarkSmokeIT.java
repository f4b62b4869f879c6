package dev.punctual.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.punctual.benchmarks.report.ScenarioResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmarks in their tiny smoke configuration: every scenario runs against real processes (the
 * split scheduler and worker processes, and the standalone's runnable jar) and its figures are
 * sane. Speed is not asserted (figures are for benchmarks.md, not for tests), but correctness is:
 * no early, duplicate or missed fire.
 */
class BenchmarkSmokeIT {

  @TempDir Path reports;

  @Test
  void everyScenarioMeasuresWithoutEarlyDuplicateOrMissedFires() throws Exception {
    var report = reports.resolve("report.json");
    var options =
        BenchmarkOptions.parse(
            "--smoke",
            "--report=" + report,
            "--scenarios=raw,burst,steady,light,failover,standalone,coldstart",
            "--standalone-jvm-options=-Xss1m");

    var result = BenchmarkMain.run(options);
    result.write(options.report());

    assertThat(result.results())
        .extracting(ScenarioResult::scenario, ScenarioResult::outcome)
        .containsExactly(
            tuple("raw", "measured"),
            tuple("burst", "measured"),
            tuple("steady", "measured"),
            tuple("light", "measured"),
            tuple("failover", "measured"),
            tuple("standalone", "measured"),
            tuple("coldstart", "measured"));
    var by =
        result.results().stream()
            .collect(Collectors.toMap(ScenarioResult::scenario, Function.identity()));
    assertThat(by.get("raw").number("records/s")).isPositive();
    var burst = by.get("burst");
    assertThat(burst.number("fires")).isEqualTo(options.burstJobs());
    assertThat(burst.number("executions")).isEqualTo(options.burstJobs());
    assertThat(burst.number("early fires")).isZero();
    assertThat(burst.number("duplicate fires")).isZero();
    assertExactlyOnce(by, "steady", "");
    assertExactlyOnce(by, "light", "");
    assertThat(by.get("light").number("start lateness p99 (ms)")).isNotNegative();
    assertThat(by.get("failover").number("missed occurrences")).isZero();
    assertThat(by.get("failover").number("duplicate fires")).isZero();
    assertExactlyOnce(by, "standalone", "first 6 s: ");
    assertExactlyOnce(by, "standalone", "next 6 s: ");
    assertThat(by.get("standalone").number("JVM RSS at the end (MiB)")).isPositive();
    for (var standalone : List.of("standalone", "coldstart")) {
      var jvmOptions =
          by.get(standalone).figures().get("JVM options (with --standalone-jvm-options)");
      assertThat(jvmOptions).as(standalone).asString().endsWith("-Xss1m");
      if (Runtime.version().feature() >= 23) {
        assertThat(jvmOptions)
            .as(standalone)
            .asString()
            .contains("--sun-misc-unsafe-memory-access=allow");
      }
    }
    var coldstart = by.get("coldstart");
    assertThat(coldstart.number("first 5 s: fires due in window")).isPositive();
    assertThat(coldstart.number("first 5 s: early fires")).isZero();
    assertThat(coldstart.number("first 5 s: duplicate fires")).isZero();
    assertThat(coldstart.number("jobs that never fired")).isZero();
    assertThat(Files.readString(report)).contains("\"scenarios\"", "\"headline\"");
  }

  private static void assertExactlyOnce(
      Map<String, ScenarioResult> results, String scenario, String window) {
    var result = results.get(scenario);
    assertThat(result.number(window + "fires due in window")).as(scenario).isPositive();
    assertThat(result.number(window + "missed fires")).as(scenario).isZero();
    assertThat(result.number(window + "duplicate fires")).as(scenario).isZero();
    assertThat(result.number(window + "early fires")).as(scenario).isZero();
    assertThat(result.number(window + "earliest fire before due (ms)")).as(scenario).isZero();
    assertThat(result.number(window + "early starts")).as(scenario).isZero();
    assertThat(result.number(window + "fire lateness p99 (ms)")).as(scenario).isNotNegative();
  }
}
