package dev.punctual.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Every alert rule of {@code deploy/prometheus/alerts.yml} is checked by Prometheus's own {@code
 * promtool} and unit-tested with it: for each alert, series that must make it fire (with the labels
 * and the annotations it then carries) and series that must not. The metric names the rules query
 * are checked against what the services export in {@link DeploymentFilesIT}.
 *
 * <p>promtool compares annotations too, so the expected ones are read from the rules file (with
 * {@code $labels} filled in) rather than copied here; what each case asserts is when it fires and
 * with which labels.
 */
class AlertRulesTest {

  private static final Path RULES = DeploymentFilesIT.ROOT.resolve("deploy/prometheus/alerts.yml");

  /**
   * One alert and the series of one test: {@code fires} whether it is firing at {@code at} (with
   * {@code labels} besides its own), for {@code series} sampled every minute.
   */
  record Case(
      String alert,
      Map<String, String> series,
      String at,
      boolean fires,
      Map<String, String> labels) {

    static Case firing(String alert, String at, Map<String, String> labels, String... series) {
      return new Case(alert, pairs(series), at, true, labels);
    }

    static Case quiet(String alert, String at, String... series) {
      return new Case(alert, pairs(series), at, false, Map.of());
    }
  }

  private static final String BUCKETS_LATE =
      "{trigger=\"SCHEDULE\",le=\"5.0\"}|0x20|{trigger=\"SCHEDULE\",le=\"30.0\"}|0+100x20"
          + "|{trigger=\"SCHEDULE\",le=\"+Inf\"}|0+100x20";
  private static final String BUCKETS_ON_TIME =
      "{trigger=\"SCHEDULE\",le=\"5.0\"}|0+100x20|{trigger=\"SCHEDULE\",le=\"30.0\"}|0+100x20"
          + "|{trigger=\"SCHEDULE\",le=\"+Inf\"}|0+100x20";

  static final List<Case> CASES =
      List.of(
          Case.firing(
              "PunctualFiringLag",
              "15m",
              Map.of(),
              buckets("punctual_scheduler_fire_delay_seconds_bucket", BUCKETS_LATE)),
          Case.quiet(
              "PunctualFiringLag",
              "15m",
              buckets("punctual_scheduler_fire_delay_seconds_bucket", BUCKETS_ON_TIME)),
          // no scheduler target at all is as bad as one that is down
          Case.firing(
              "PunctualSchedulerDown",
              "5m",
              Map.of(),
              "up{job=\"api-service\",instance=\"api:3018\"}",
              "1x10"),
          Case.quiet(
              "PunctualSchedulerDown",
              "5m",
              "up{job=\"scheduler-streams\",instance=\"s1:3016\"}",
              "1x10",
              "up{job=\"scheduler-streams\",instance=\"s2:3016\"}",
              "0x10"),
          Case.firing(
              "PunctualSchedulerErrors",
              "5m",
              Map.of("instance", "s1"),
              "punctual_scheduler_errors_total{instance=\"s1\"}",
              "0 0 1 1 1 1"),
          Case.quiet(
              "PunctualSchedulerErrors",
              "5m",
              "punctual_scheduler_errors_total{instance=\"s1\"}",
              "3x10"),
          // the worker's dead letters alone, without any of the scheduler's
          Case.firing(
              "PunctualDeadLetters",
              "20m",
              Map.of(),
              "punctual_worker_dead_lettered_total{instance=\"w1\"}",
              "0+1x30"),
          Case.quiet(
              "PunctualDeadLetters",
              "20m",
              "punctual_worker_dead_lettered_total{instance=\"w1\"}",
              "4x30",
              "punctual_scheduler_dead_letters_total{instance=\"s1\"}",
              "7x30"),
          Case.firing(
              "PunctualWorkerFailureRate",
              "15m",
              Map.of(),
              "punctual_worker_executions_total{status=\"SUCCEEDED\"}",
              "0+60x20",
              "punctual_worker_executions_total{status=\"TIMED_OUT\"}",
              "0+40x20"),
          Case.quiet(
              "PunctualWorkerFailureRate",
              "15m",
              "punctual_worker_executions_total{status=\"SUCCEEDED\"}",
              "0+90x20",
              "punctual_worker_executions_total{status=\"FAILED\"}",
              "0+10x20"),
          Case.firing(
              "PunctualWorkerLag",
              "10m",
              Map.of(),
              "kafka_consumer_fetch_manager_records_lag_max{application=\"punctual-worker\"}",
              "20000x10"),
          Case.quiet(
              "PunctualWorkerLag",
              "10m",
              "kafka_consumer_fetch_manager_records_lag_max{application=\"punctual-scheduler\"}",
              "20000x10"),
          Case.firing(
              "PunctualOutboxBacklog",
              "10m",
              Map.of(),
              "punctual_api_outbox_backlog{instance=\"api\"}",
              "5000x10"),
          Case.quiet(
              "PunctualOutboxBacklog",
              "10m",
              "punctual_api_outbox_backlog{instance=\"api\"}",
              "500x10"),
          // a short backlog that does not move is stuck; one that drains is not
          Case.firing(
              "PunctualOutboxStuck",
              "15m",
              Map.of(),
              "punctual_api_outbox_backlog{instance=\"api\"}",
              "3x20",
              "punctual_api_outbox_published_total{instance=\"api\"}",
              "100x20"),
          Case.quiet(
              "PunctualOutboxStuck",
              "15m",
              "punctual_api_outbox_backlog{instance=\"api\"}",
              "3x20",
              "punctual_api_outbox_published_total{instance=\"api\"}",
              "100+10x20"),
          Case.firing(
              "PunctualMissedOccurrences",
              "10m",
              Map.of(),
              "punctual_scheduler_occurrences_missed_total{policy=\"FIRE_ONCE\"}",
              "0 0 0 2 2 2 2 2 2 2 2"),
          Case.quiet(
              "PunctualMissedOccurrences",
              "10m",
              "punctual_scheduler_occurrences_missed_total{policy=\"FIRE_ONCE\"}",
              "2x10"),
          Case.firing(
              "PunctualSchedulerConsumerLag",
              "15m",
              Map.of(),
              "kafka_consumer_fetch_manager_records_lag_max{application=\"punctual-scheduler\"}",
              "50000x20"),
          Case.quiet(
              "PunctualSchedulerConsumerLag",
              "15m",
              "kafka_consumer_fetch_manager_records_lag_max{application=\"punctual-scheduler\"}",
              "50x20"),
          Case.firing(
              "PunctualProjectionLag",
              "15m",
              Map.of(),
              "kafka_consumer_fetch_manager_records_lag_max{application=\"punctual-api\"}",
              "50000x20"),
          Case.quiet(
              "PunctualProjectionLag",
              "15m",
              "kafka_consumer_fetch_manager_records_lag_max{application=\"punctual-api\"}",
              "50x20"),
          Case.firing(
              "PunctualStartLateness",
              "15m",
              Map.of(),
              buckets("punctual_worker_start_lateness_seconds_bucket", BUCKETS_LATE)),
          Case.quiet(
              "PunctualStartLateness",
              "15m",
              buckets("punctual_worker_start_lateness_seconds_bucket", BUCKETS_ON_TIME)),
          // one instance of two with no stream thread, named by its instance
          Case.firing(
              "PunctualStreamThreadsDown",
              "5m",
              Map.of("instance", "s2:3016"),
              "kafka_stream_alive_stream_threads{instance=\"s1:3016\"}",
              "1x10",
              "kafka_stream_alive_stream_threads{instance=\"s2:3016\"}",
              "0x10"),
          Case.quiet(
              "PunctualStreamThreadsDown",
              "5m",
              "kafka_stream_alive_stream_threads{instance=\"s1:3016\"}",
              "1x10"),
          Case.firing(
              "PunctualApiDown",
              "5m",
              Map.of(),
              "up{job=\"api-service\",instance=\"api:3018\"}",
              "0x10"),
          Case.quiet(
              "PunctualApiDown", "5m", "up{job=\"api-service\",instance=\"api:3018\"}", "1x10"),
          Case.firing(
              "PunctualWorkersDown",
              "5m",
              Map.of(),
              "up{job=\"scheduler-streams\",instance=\"s1:3016\"}",
              "1x10"),
          Case.quiet(
              "PunctualWorkersDown",
              "5m",
              "up{job=\"executor-worker\",instance=\"w1:3017\"}",
              "1x10"),
          Case.firing(
              "PunctualInstanceDown",
              "5m",
              Map.of("job", "executor-worker", "instance", "w2:3017"),
              "up{job=\"executor-worker\",instance=\"w1:3017\"}",
              "1x10",
              "up{job=\"executor-worker\",instance=\"w2:3017\"}",
              "0x10"),
          Case.quiet(
              "PunctualInstanceDown",
              "5m",
              "up{job=\"executor-worker\",instance=\"w1:3017\"}",
              "1x10"),
          Case.firing(
              "PunctualApiDatabaseUnreachable",
              "10m",
              Map.of(),
              "hikaricp_connections_timeout_total{application=\"punctual-api\",pool=\"HikariPool-1\"}",
              "0+5x20"),
          Case.quiet(
              "PunctualApiDatabaseUnreachable",
              "10m",
              "hikaricp_connections_timeout_total{application=\"punctual-api\",pool=\"HikariPool-1\"}",
              "5x20"));

  @Test
  void promtoolAcceptsTheRules() throws Exception {
    var output = promtool("check", "rules", RULES.toString());
    assertThat(output).contains("SUCCESS");
  }

  @Test
  void everyAlertFiresOnItsSignalAndStaysQuietWithoutIt(@TempDir Path dir) throws Exception {
    var rules = rules();
    assertThat(CASES.stream().filter(Case::fires).map(Case::alert).distinct())
        .as("every alert of alerts.yml has a case that makes it fire")
        .containsExactlyInAnyOrderElementsOf(rules.keySet());
    assertThat(CASES.stream().filter(c -> !c.fires()).map(Case::alert).distinct())
        .as("and one that leaves it quiet")
        .containsExactlyInAnyOrderElementsOf(rules.keySet());

    Files.copy(RULES, dir.resolve("alerts.yml"));
    var tests = new java.util.ArrayList<Map<String, Object>>();
    for (var c : CASES) {
      tests.add(test(c, rules.get(c.alert())));
    }
    var file = new LinkedHashMap<String, Object>();
    file.put("rule_files", List.of("alerts.yml"));
    file.put("evaluation_interval", "1m");
    file.put("tests", tests);
    var options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    Files.writeString(dir.resolve("alerts.test.yml"), new Yaml(options).dump(file));

    assertThat(promtool("test", "rules", dir.resolve("alerts.test.yml").toString()))
        .contains("SUCCESS");
  }

  private static Map<String, Object> test(Case c, Map<String, Object> rule) {
    var series = new java.util.ArrayList<Map<String, String>>();
    c.series().forEach((name, values) -> series.add(Map.of("series", name, "values", values)));
    var expected = new java.util.ArrayList<Map<String, Object>>();
    if (c.fires()) {
      var labels = new TreeMap<String, String>(c.labels());
      labels.putAll(stringMap(rule.get("labels")));
      var annotations = new TreeMap<String, String>();
      stringMap(rule.get("annotations"))
          .forEach((k, v) -> annotations.put(k, withLabels(v, c.labels(), c.alert())));
      expected.add(Map.of("exp_labels", labels, "exp_annotations", annotations));
    }
    var check = new LinkedHashMap<String, Object>();
    check.put("eval_time", c.at());
    check.put("alertname", c.alert());
    check.put("exp_alerts", expected);
    var test = new LinkedHashMap<String, Object>();
    test.put("name", (c.fires() ? "fires: " : "quiet: ") + c.alert());
    test.put("interval", "1m");
    test.put("input_series", series);
    test.put("alert_rule_test", List.of(check));
    return test;
  }

  /** The annotation as Prometheus renders it; the rules use no template but {@code $labels.x}. */
  private static String withLabels(String text, Map<String, String> labels, String alert) {
    var rendered = text;
    for (var label : labels.entrySet()) {
      rendered = rendered.replace("{{ $labels." + label.getKey() + " }}", label.getValue());
    }
    assertThat(rendered).as("%s: a template this test does not render", alert).doesNotContain("{{");
    return rendered;
  }

  /** Every rule of the file by alert name. */
  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> rules() throws IOException {
    Map<String, Object> file = new Yaml().load(Files.readString(RULES));
    var rules = new LinkedHashMap<String, Map<String, Object>>();
    for (var group : (List<Map<String, Object>>) file.get("groups")) {
      for (var rule : (List<Map<String, Object>>) group.get("rules")) {
        assertThat(rules.put((String) rule.get("alert"), rule)).as("one rule per alert").isNull();
      }
    }
    return rules;
  }

  private static Map<String, String> stringMap(Object value) {
    var map = new TreeMap<String, String>();
    if (value instanceof Map<?, ?> entries) {
      entries.forEach((k, v) -> map.put(String.valueOf(k), String.valueOf(v)));
    }
    return map;
  }

  private static String promtool(String... arguments) throws Exception {
    var command = new java.util.ArrayList<>(List.of("promtool"));
    command.addAll(List.of(arguments));
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      var message =
          "promtool is not on the PATH, so the alert rules cannot be tested: install it (Debian:"
              + " apt-get install prometheus; .ci/run does so when it is absent)";
      if ("true".equals(System.getenv("CI"))) {
        return fail(message, e);
      }
      Assumptions.abort(message);
      throw e;
    }
    var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(1, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      fail("%s did not finish within a minute", command);
    }
    assertThat(process.exitValue()).as("%s:%n%s", command, output).isZero();
    return output;
  }

  private static Map<String, String> pairs(String... nameAndValues) {
    var map = new LinkedHashMap<String, String>();
    for (int i = 0; i + 1 < nameAndValues.length; i += 2) {
      map.put(nameAndValues[i], nameAndValues[i + 1]);
    }
    return map;
  }

  /** {@code name{labels}|values|…} as name, values pairs for {@link Case}. */
  private static String[] buckets(String name, String labelsAndValues) {
    var parts = labelsAndValues.split("\\|");
    var result = new String[parts.length];
    for (int i = 0; i < parts.length; i += 2) {
      result[i] = name + parts[i];
      result[i + 1] = parts[i + 1];
    }
    return result;
  }
}
