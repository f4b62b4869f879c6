package dev.punctual.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.benchmarks.report.ScenarioResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chaos scenario in its two-minute CI size: a cluster of separate processes (the broker, two
 * schedulers, a worker and an API instance) at 200 fires/s with client churn, a process killed with
 * SIGKILL every 20 s and the broker restarted once. Every checked count must be 0. The report and
 * every process's log stay under {@code target/chaos-it} for a look after a failure.
 */
class ChaosSmokeIT {

  private static final List<String> MUST_BE_ZERO =
      List.of(
          "ledger read failures",
          "duplicate fires",
          "missed occurrences",
          "fires without a final result",
          "acknowledged writes missing from PostgreSQL",
          "acknowledged writes missing from the topic",
          "outbox rows left",
          "HTTP fires that never reached the target",
          "target calls without Idempotency-Key",
          "writes refused (4xx)");

  @Test
  void killsAndRestartsLoseNoWriteAndFireEveryOccurrenceExactlyOnce() {
    var options =
        BenchmarkOptions.parse(
            "--report=" + Path.of("target", "chaos-it", "report.json").toAbsolutePath(),
            "--scenarios=chaos",
            "--chaos-duration=PT2M",
            "--chaos-rate=200",
            "--chaos-period=PT5S",
            "--chaos-kill-every=PT20S",
            "--chaos-broker-every=PT1M",
            "--chaos-schedulers=2",
            "--chaos-workers=1",
            "--chaos-apis=1");

    var report = BenchmarkMain.run(options);
    report.write(options.report());

    var chaos = report.results().getFirst();
    assertThat(chaos.outcome()).as("%s", chaos.notes()).isEqualTo("measured");
    for (var figure : MUST_BE_ZERO) {
      assertThat(chaos.number(figure)).as(figure).isZero();
    }
    assertThat(chaos.number("stable occurrences due")).isGreaterThanOrEqualTo(1_000 * 20);
    assertThat(chaos.number("writes acknowledged")).isPositive();
    assertThat(chaos.number("writes checked (jobs)")).isPositive();
    assertThat(chaos.number("broker restarts")).isEqualTo(1);
    assertThat(killed(chaos)).isPositive();
  }

  private static double killed(ScenarioResult chaos) {
    return chaos.figures().entrySet().stream()
        .filter(e -> e.getKey().endsWith("processes killed"))
        .mapToDouble(e -> ((Number) e.getValue()).doubleValue())
        .sum();
  }
}
