package dev.punctual.standalone;

import static dev.punctual.standalone.RenderedManifests.container;
import static dev.punctual.standalone.RenderedManifests.list;
import static dev.punctual.standalone.RenderedManifests.map;
import static dev.punctual.standalone.RenderedManifests.podSpec;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The Job {@code punctual-create-topics} of a rendering, run as the kubelet would run it (the
 * script from its ConfigMap, its environment) but with a stand-in for {@code kafka-topics.sh} that
 * records each call, so the topics it would create can be compared with the code's.
 */
final class TopicJob {

  static final String NAME = "punctual-create-topics";

  /** One {@code kafka-topics.sh --create} call. */
  record CreatedTopic(
      String bootstrapServers,
      String name,
      int partitions,
      short replicationFactor,
      Map<String, String> configs) {

    static CreatedTopic of(String bootstrapServers, NewTopic topic) {
      var configs = topic.configs() == null ? Map.<String, String>of() : topic.configs();
      return new CreatedTopic(
          bootstrapServers,
          topic.name(),
          topic.numPartitions(),
          topic.replicationFactor(),
          new TreeMap<>(configs));
    }
  }

  private TopicJob() {}

  static Map<String, String> environment(RenderedManifests rendering) {
    var job = rendering.get("Job", NAME);
    return rendering.environment(list(podSpec(job).get("containers")).getFirst());
  }

  static int partitions(RenderedManifests rendering) {
    return Integer.parseInt(environment(rendering).get("TOPIC_PARTITIONS"));
  }

  /** Runs the Job's script in {@code dir} and answers the topics it asked to create. */
  static List<CreatedTopic> run(RenderedManifests rendering, Path dir)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    var script = dir.resolve("create-topics.sh");
    Files.writeString(script, script(rendering));
    var calls = dir.resolve("calls");
    var standIn = dir.resolve("kafka-topics.sh");
    Files.writeString(standIn, "#!/bin/sh\nprintf '%s\\n' \"$*\" >> \"$CALLS\"\n");
    Files.setPosixFilePermissions(standIn, PosixFilePermissions.fromString("rwx------"));

    var process = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
    var environment = process.environment();
    environment.keySet().retainAll(List.of("PATH"));
    environment.putAll(environment(rendering));
    environment.put("KAFKA_TOPICS_SH", standIn.toString());
    environment.put("CALLS", calls.toString());
    var started = process.start();
    var output = new String(started.getInputStream().readAllBytes());
    assertThat(started.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(started.exitValue()).as("the topic script: %s", output).isZero();

    var created = new ArrayList<CreatedTopic>();
    for (var call : Files.readAllLines(calls)) {
      var arguments = Arrays.asList(call.split(" "));
      if (arguments.contains("--create")) {
        created.add(parse(arguments));
      }
    }
    return created;
  }

  /** The script the Job's container runs: from the ConfigMap volume its command names. */
  private static String script(RenderedManifests rendering) {
    var job = rendering.get("Job", NAME);
    var container = container(job, "create-topics");
    var command =
        list(container.get("command")).isEmpty() ? List.of() : (List<?>) container.get("command");
    assertThat(command).hasSize(2).first().isEqualTo("bash");
    var path = Path.of(String.valueOf(command.get(1)));
    var mount =
        list(container.get("volumeMounts")).stream()
            .filter(m -> path.getParent().equals(Path.of(String.valueOf(m.get("mountPath")))))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no volume mounted at " + path.getParent()));
    var volume =
        list(podSpec(job).get("volumes")).stream()
            .filter(v -> mount.get("name").equals(v.get("name")))
            .findFirst()
            .orElseThrow();
    var configMap = String.valueOf(map(volume.get("configMap")).get("name"));
    var script = rendering.configMap(configMap).get(String.valueOf(path.getFileName()));
    assertThat(script).as("%s in the ConfigMap %s", path.getFileName(), configMap).isNotNull();
    return script;
  }

  private static CreatedTopic parse(List<String> arguments) {
    var configs = new TreeMap<String, String>();
    for (int i = 0; i < arguments.size() - 1; i++) {
      if (arguments.get(i).equals("--config")) {
        var config = arguments.get(i + 1).split("=", 2);
        configs.put(config[0], config[1]);
      }
    }
    return new CreatedTopic(
        after(arguments, "--bootstrap-server"),
        after(arguments, "--topic"),
        Integer.parseInt(after(arguments, "--partitions")),
        Short.parseShort(after(arguments, "--replication-factor")),
        configs);
  }

  private static String after(List<String> arguments, String option) {
    int at = arguments.indexOf(option);
    assertThat(at)
        .as("%s in %s", option, arguments)
        .isNotNegative()
        .isLessThan(arguments.size() - 1);
    return arguments.get(at + 1);
  }
}
