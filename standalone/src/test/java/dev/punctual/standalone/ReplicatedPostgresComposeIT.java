package dev.punctual.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.ha.yml, checked against docker-compose.yml and the code since no Docker engine
 * runs here (so the override was never started by a test): it overrides services that exist, runs
 * the replica on the primary's image, names in the API's multi-host URL exactly the two PostgreSQL
 * services, makes the replica the primary's synchronous standby, and mounts scripts that exist and
 * parse.
 */
class ReplicatedPostgresComposeIT {

  private static final Path ROOT = DeploymentFilesIT.ROOT;
  private static final String PRIMARY = "postgres";
  private static final String REPLICA = "postgres-replica";

  @Test
  void theOverrideAddsAStreamingReplicaOfThePrimaryThatTheApiFailsOverTo() throws Exception {
    var base = services("docker-compose.yml");
    var override = services("docker-compose.ha.yml");

    assertThat(base).as("services the override changes").containsKeys(PRIMARY, "api-service");
    assertThat(override.get(REPLICA).get("image")).isEqualTo(base.get(PRIMARY).get("image"));
    assertThat(environment(override.get(REPLICA))).containsEntry("PRIMARY_HOST", PRIMARY);
    assertThat(settings(override.get(PRIMARY)))
        .containsEntry(
            "synchronous_standby_names", settings(override.get(REPLICA)).get("cluster_name"));

    var url = environment(override.get("api-service")).get("POSTGRES_URL");
    var parsed = Driver.parseURL(url, null);
    assertThat(parsed).as(url).isNotNull();
    assertThat(parsed.getProperty("PGHOST").split(",")).containsExactly(PRIMARY, REPLICA);
    assertThat(parsed.getProperty("PGDBNAME"))
        .isEqualTo(environment(base.get(PRIMARY)).get("POSTGRES_DB"));
    assertThat(parsed.getProperty("targetServerType")).isEqualTo("primary");
    assertThat(resource("punctual-api.yml")).contains("${POSTGRES_URL:");

    for (var service : override.values()) {
      for (var script : mountedFiles(service)) {
        assertThat(ROOT.resolve(script)).isRegularFile();
        var check = new ProcessBuilder("bash", "-n", ROOT.resolve(script).toString()).start();
        assertThat(check.waitFor()).as("bash -n %s", script).isZero();
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services(String file) throws IOException {
    Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve(file)));
    return (Map<String, Map<String, Object>>) compose.get("services");
  }

  private static Map<String, String> environment(Map<String, Object> service) {
    var variables = new LinkedHashMap<String, String>();
    ((Map<?, ?>) service.get("environment"))
        .forEach((k, v) -> variables.put(String.valueOf(k), String.valueOf(v)));
    return variables;
  }

  /** The server's {@code -c name=value} settings on its command line. */
  private static Map<String, String> settings(Map<String, Object> service) {
    var command = (List<?>) service.get("command");
    var settings = new LinkedHashMap<String, String>();
    for (int i = 0; i + 1 < command.size(); i++) {
      if ("-c".equals(command.get(i))) {
        var setting = String.valueOf(command.get(i + 1)).split("=", 2);
        settings.put(setting[0], setting[1]);
      }
    }
    return settings;
  }

  /** Files of the repository bind-mounted into the service ({@code ./path:/in/container}). */
  private static List<String> mountedFiles(Map<String, Object> service) {
    var files = new ArrayList<String>();
    if (service.get("volumes") instanceof List<?> volumes) {
      for (var volume : volumes) {
        var parts = Arrays.asList(String.valueOf(volume).split(":"));
        if (parts.getFirst().startsWith("./")) {
          files.add(parts.getFirst().substring(2));
        }
      }
    }
    return files;
  }

  private static String resource(String name) throws IOException {
    try (var in = ReplicatedPostgresComposeIT.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as("%s on the classpath", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
