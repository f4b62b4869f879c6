package dev.punctual.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.benchmarks.report.ScenarioResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmarks in their tiny smoke configuration: every scenario runs against real processes and
 * its figures are sane. Speed is not asserted (figures are for benchmarks.md, not for tests), but
 * correctness is: no early, duplicate or missed fire.
 */
class BenchmarkSmokeIT {

  @TempDir Path reports;

  @Test
  void everyScenarioMeasuresWithoutEarlyDuplicateOrMissedFires() throws Exception {
    var report = reports.resolve("report.json");
    var options =
        BenchmarkOptions.parse(
            "--smoke", "--report=" + report, "--scenarios=raw,burst,steady,failover");

    var result = BenchmarkMain.run(options);
    result.write(options.report());

    assertThat(result.results())
        .extracting(ScenarioResult::scenario, ScenarioResult::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("raw", "measured"),
            org.assertj.core.groups.Tuple.tuple("burst", "measured"),
            org.assertj.core.groups.Tuple.tuple("steady", "measured"),
            org.assertj.core.groups.Tuple.tuple("failover", "measured"));
    var raw = result.results().get(0);
    var burst = result.results().get(1);
    var steady = result.results().get(2);
    var failover = result.results().get(3);
    assertThat(raw.number("records/s")).isPositive();
    assertThat(burst.number("fires")).isEqualTo(options.burstJobs());
    assertThat(burst.number("executions")).isEqualTo(options.burstJobs());
    assertThat(burst.number("early fires")).isZero();
    assertThat(burst.number("duplicate fires")).isZero();
    assertThat(steady.number("fires due in window")).isPositive();
    assertThat(steady.number("missed fires")).isZero();
    assertThat(steady.number("duplicate fires")).isZero();
    assertThat(steady.number("early fires")).isZero();
    assertThat(steady.number("fire lateness p99 (ms)")).isNotNegative();
    assertThat(failover.number("missed occurrences")).isZero();
    assertThat(failover.number("duplicate fires")).isZero();
    assertThat(Files.readString(report)).contains("\"scenarios\"", "\"headline\"");
  }
}
