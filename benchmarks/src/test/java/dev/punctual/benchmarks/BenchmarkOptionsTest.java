package dev.punctual.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchmarkOptionsTest {

  @Test
  void defaultsMeasureWhatTheIssueAsksFor() {
    var options = BenchmarkOptions.parse();

    assertThat(options.scenarios()).isEqualTo(BenchmarkOptions.ALL_SCENARIOS);
    assertThat(options.scenarios()).contains("light", "standalone", "coldstart");
    assertThat(options.apiConcurrency()).isEqualTo(32);
    assertThat(options.lightJobs()).isEqualTo(2_000);
    assertThat(options.lightPeriod()).isEqualTo(Duration.ofSeconds(5));
    assertThat(options.standaloneJobs()).isEqualTo(50_000);
    assertThat(options.standalonePeriod()).isEqualTo(Duration.ofSeconds(10));
    assertThat(options.standaloneFirstWindow()).isEqualTo(Duration.ofSeconds(60));
    assertThat(options.standaloneWindow()).isEqualTo(Duration.ofSeconds(60));
    assertThat(options.coldstartJobs()).isEqualTo(500);
    assertThat(options.coldstartPeriod()).isEqualTo(Duration.ofSeconds(1));
    assertThat(options.coldstartWindow()).isEqualTo(Duration.ofSeconds(10));
    assertThat(options.jfr()).isFalse();
    assertThat(options.standaloneJvmOptions())
        .as("the standalone as ./punctual run starts it")
        .isEmpty();
    assertThat(options.apiManagementUrl()).isNull();
  }

  @Test
  void chaosRunsOnlyWhenNamedAndDefaultsToTheIssuesSoak() {
    var options = BenchmarkOptions.parse("--scenarios=chaos");

    assertThat(BenchmarkOptions.parse().scenarios()).doesNotContain("chaos");
    assertThat(options.scenarios()).containsExactly("chaos");
    assertThat(options.chaosDuration()).isEqualTo(Duration.ofMinutes(30));
    assertThat(options.chaosRate()).isEqualTo(2_000);
    assertThat(options.chaosPeriod()).isEqualTo(Duration.ofSeconds(10));
    assertThat(options.chaosKillEvery()).isEqualTo(Duration.ofSeconds(60));
    assertThat(options.chaosBrokerEvery()).isEqualTo(Duration.ofMinutes(5));
    assertThat(options.chaosSchedulers()).isEqualTo(3);
    assertThat(options.chaosWorkers()).isEqualTo(2);
    assertThat(options.chaosApis()).isEqualTo(2);
  }

  @Test
  void chaosOptionsAreRead() {
    var options =
        BenchmarkOptions.parse(
            "--scenarios=chaos",
            "--chaos-duration=PT2M",
            "--chaos-rate=200",
            "--chaos-period=PT5S",
            "--chaos-kill-every=PT20S",
            "--chaos-broker-every=PT1M",
            "--chaos-schedulers=2",
            "--chaos-workers=1",
            "--chaos-apis=1");

    assertThat(options.chaosDuration()).isEqualTo(Duration.ofMinutes(2));
    assertThat(options.chaosRate()).isEqualTo(200);
    assertThat(options.chaosPeriod()).isEqualTo(Duration.ofSeconds(5));
    assertThat(options.chaosKillEvery()).isEqualTo(Duration.ofSeconds(20));
    assertThat(options.chaosBrokerEvery()).isEqualTo(Duration.ofMinutes(1));
    assertThat(options.chaosSchedulers()).isEqualTo(2);
    assertThat(options.chaosWorkers()).isEqualTo(1);
    assertThat(options.chaosApis()).isEqualTo(1);
  }

  @Test
  void aChaosClusterWithoutASchedulerToTakeOverIsRefused() {
    assertThatThrownBy(() -> BenchmarkOptions.parse("--scenarios=chaos", "--chaos-schedulers=1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 2 schedulers");
    assertThatThrownBy(() -> BenchmarkOptions.parse("--scenarios=chaos", "--chaos-apis=0"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void smokeShrinksTheNewScenariosToo() {
    var full = BenchmarkOptions.parse();
    var smoke = BenchmarkOptions.parse("--smoke");

    assertThat(smoke.lightJobs()).isLessThan(full.lightJobs());
    assertThat(smoke.lightWarmup().plus(smoke.lightDuration()))
        .isLessThan(full.lightWarmup().plus(full.lightDuration()));
    assertThat(smoke.standaloneJobs()).isLessThan(full.standaloneJobs());
    assertThat(smoke.standaloneFirstWindow().plus(smoke.standaloneWindow()))
        .isLessThan(full.standaloneFirstWindow().plus(full.standaloneWindow()));
    assertThat(smoke.coldstartJobs()).isLessThan(full.coldstartJobs());
    assertThat(smoke.coldstartWindow()).isLessThan(full.coldstartWindow());
  }

  @Test
  void everySizeOfTheNewScenariosIsAnOption() {
    var options =
        BenchmarkOptions.parse(
            "--light-jobs=3_000",
            "--light-period=PT3S",
            "--light-warmup=PT7S",
            "--light-duration=PT11S",
            "--standalone-jobs=1000",
            "--standalone-period=PT2S",
            "--standalone-first-window=PT30S",
            "--standalone-window=PT45S",
            "--coldstart-jobs=70",
            "--coldstart-period=PT2S",
            "--coldstart-window=PT20S",
            "--api-concurrency=8",
            "--standalone-jvm-options= -XX:TieredStopAtLevel=1  -Xss512k ",
            "--jfr");

    assertThat(options.lightJobs()).isEqualTo(3_000);
    assertThat(options.lightPeriod()).isEqualTo(Duration.ofSeconds(3));
    assertThat(options.lightWarmup()).isEqualTo(Duration.ofSeconds(7));
    assertThat(options.lightDuration()).isEqualTo(Duration.ofSeconds(11));
    assertThat(options.standaloneJobs()).isEqualTo(1_000);
    assertThat(options.standalonePeriod()).isEqualTo(Duration.ofSeconds(2));
    assertThat(options.standaloneFirstWindow()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.standaloneWindow()).isEqualTo(Duration.ofSeconds(45));
    assertThat(options.coldstartJobs()).isEqualTo(70);
    assertThat(options.coldstartPeriod()).isEqualTo(Duration.ofSeconds(2));
    assertThat(options.coldstartWindow()).isEqualTo(Duration.ofSeconds(20));
    assertThat(options.apiConcurrency()).isEqualTo(8);
    assertThat(options.standaloneJvmOptions())
        .containsExactly("-XX:TieredStopAtLevel=1", "-Xss512k");
    assertThat(options.jfr()).isTrue();
  }

  @Test
  void anExternalApiHasItsMetricsOnTheManagementPortOfTheSameHost() {
    var options =
        BenchmarkOptions.parse("--bootstrap-servers=kafka:9092", "--api-url=http://api:3015");

    assertThat(options.apiManagementUrl()).isEqualTo("http://api:3018");
  }

  @Test
  void anExplicitManagementUrlWins() {
    var options =
        BenchmarkOptions.parse(
            "--bootstrap-servers=kafka:9092",
            "--api-url=https://api.example.com",
            "--api-management-url=http://metrics.example.com:9000");

    assertThat(options.apiManagementUrl()).isEqualTo("http://metrics.example.com:9000");
  }

  @Test
  void aManagementUrlNeedsAnApiUrl() {
    assertThatThrownBy(() -> BenchmarkOptions.parse("--api-management-url=http://api:3018"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--api-management-url needs --api-url");
  }

  @Test
  void unknownScenariosAndOptionsAreRefusedByName() {
    assertThatThrownBy(() -> BenchmarkOptions.parse("--scenarios=steady,warp"))
        .hasMessageContaining("unknown scenario 'warp'");
    assertThatThrownBy(() -> BenchmarkOptions.parse("--standalone-size=3"))
        .hasMessageContaining("unknown options: --standalone-size");
  }
}
