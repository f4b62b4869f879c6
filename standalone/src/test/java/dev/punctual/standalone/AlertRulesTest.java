package dev.punctual.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * and the annotations it then carries) and series that must not, listed in {@value #CASES}. The
 * metric names the rules query are checked against what the services export in {@link
 * DeploymentFilesIT}.
 *
 * <p>promtool compares annotations too, so the expected ones are read from the rules file (with
 * {@code $labels} filled in) rather than copied here; what each case asserts is when it fires and
 * with which labels.
 */
class AlertRulesTest {

  private static final Path RULES = DeploymentFilesIT.ROOT.resolve("deploy/prometheus/alerts.yml");

  private static final String CASES = "alert-rule-cases.yml";

  /**
   * One test of one alert: {@code fires} whether it is firing at {@code at} (with {@code labels}
   * besides the rule's own), for {@code series} sampled every minute.
   */
  record Case(
      String alert,
      boolean fires,
      String at,
      Map<String, String> labels,
      Map<String, String> series) {}

  /** The cases of {@value #CASES}: a firing and a quiet one per alert. */
  static List<Case> cases() throws IOException {
    try (var in = AlertRulesTest.class.getClassLoader().getResourceAsStream(CASES)) {
      assertThat(in).as(CASES).isNotNull();
      Map<String, Map<String, Map<String, Object>>> file = new Yaml().load(in);
      var cases = new ArrayList<Case>();
      file.forEach(
          (alert, kinds) ->
              kinds.forEach(
                  (kind, c) ->
                      cases.add(
                          new Case(
                              alert,
                              kind.equals("fires"),
                              String.valueOf(c.get("at")),
                              stringMap(c.get("labels")),
                              stringMap(c.get("series"))))));
      return cases;
    }
  }

  @Test
  void promtoolAcceptsTheRules() throws Exception {
    var output = promtool("check", "rules", RULES.toString());
    assertThat(output).contains("SUCCESS");
  }

  @Test
  void everyAlertFiresOnItsSignalAndStaysQuietWithoutIt(@TempDir Path dir) throws Exception {
    var rules = rules();
    var cases = cases();
    assertThat(cases.stream().filter(Case::fires).map(Case::alert).distinct())
        .as("every alert of alerts.yml has a case that makes it fire")
        .containsExactlyInAnyOrderElementsOf(rules.keySet());
    assertThat(cases.stream().filter(c -> !c.fires()).map(Case::alert).distinct())
        .as("and one that leaves it quiet")
        .containsExactlyInAnyOrderElementsOf(rules.keySet());

    Files.copy(RULES, dir.resolve("alerts.yml"));
    var tests = new ArrayList<Map<String, Object>>();
    for (var c : cases) {
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
    var series = new ArrayList<Map<String, String>>();
    c.series().forEach((name, values) -> series.add(Map.of("series", name, "values", values)));
    var expected = new ArrayList<Map<String, Object>>();
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
    var command = new ArrayList<>(List.of("promtool"));
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
}
