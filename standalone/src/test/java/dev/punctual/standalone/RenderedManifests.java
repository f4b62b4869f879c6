package dev.punctual.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.Yaml;

/**
 * The resources of one kustomization of {@code deploy/kubernetes} as {@code kubectl kustomize}
 * renders them, so that the checks see what {@code kubectl apply -k} would send: generated names,
 * merged overlays and all.
 *
 * @param kustomization the directory, relative to {@code deploy/kubernetes}
 */
record RenderedManifests(String kustomization, List<Map<String, Object>> resources) {

  /** What a field reference gives a container, for binding checks that need some value. */
  private static final String FIELD_VALUE = "punctual-pod-0";

  static RenderedManifests render(Path kubernetes, String kustomization) {
    var output = kubectl("kustomize", kubernetes.resolve(kustomization).toString());
    var resources = new ArrayList<Map<String, Object>>();
    for (var document : new Yaml().loadAll(output)) {
      if (document != null) {
        resources.add(map(document));
      }
    }
    assertThat(resources).as("resources of %s", kustomization).isNotEmpty();
    return new RenderedManifests(kustomization, resources);
  }

  /** The one resource of this kind and name; fails if there is none. */
  Map<String, Object> get(String kind, String name) {
    return find(kind, name)
        .orElseThrow(() -> new AssertionError(kustomization + " has no " + kind + " " + name));
  }

  Optional<Map<String, Object>> find(String kind, String name) {
    return resources.stream()
        .filter(r -> kind.equals(r.get("kind")) && name.equals(map(r.get("metadata")).get("name")))
        .findFirst();
  }

  List<Map<String, Object>> ofKind(String kind) {
    return resources.stream().filter(r -> kind.equals(r.get("kind"))).toList();
  }

  /**
   * The environment a container gets, as the kubelet builds it: {@code envFrom} first, then {@code
   * env}, with references to ConfigMaps and Secrets of this rendering resolved. A Secret that is
   * not part of the rendering (created by the operator) gives nothing.
   */
  Map<String, String> environment(Map<String, Object> container) {
    var environment = new LinkedHashMap<String, String>();
    for (var source : list(container.get("envFrom"))) {
      if (source.get("configMapRef") instanceof Map<?, ?> ref) {
        environment.putAll(configMap(String.valueOf(ref.get("name"))));
      } else if (source.get("secretRef") instanceof Map<?, ?> ref) {
        environment.putAll(secret(String.valueOf(ref.get("name"))));
      }
    }
    for (var variable : list(container.get("env"))) {
      var name = String.valueOf(variable.get("name"));
      environment.put(name, value(variable));
    }
    return environment;
  }

  private String value(Map<String, Object> variable) {
    if (!(variable.get("valueFrom") instanceof Map<?, ?> from)) {
      return String.valueOf(variable.get("value"));
    }
    if (from.get("configMapKeyRef") instanceof Map<?, ?> ref) {
      return configMap(String.valueOf(ref.get("name"))).get(String.valueOf(ref.get("key")));
    }
    if (from.get("secretKeyRef") instanceof Map<?, ?> ref) {
      return secret(String.valueOf(ref.get("name")))
          .getOrDefault(String.valueOf(ref.get("key")), "");
    }
    return FIELD_VALUE;
  }

  Map<String, String> configMap(String name) {
    return strings(get("ConfigMap", name).get("data"));
  }

  /** A Secret's values, decoded; empty when the rendering has no Secret of this name. */
  Map<String, String> secret(String name) {
    return find("Secret", name).map(RenderedManifests::secretValues).orElse(Map.of());
  }

  static Map<String, String> secretValues(Map<String, Object> secret) {
    var values = new LinkedHashMap<>(strings(secret.get("stringData")));
    strings(secret.get("data"))
        .forEach(
            (key, encoded) ->
                values.put(
                    key, new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8)));
    return values;
  }

  /** The pod template's spec of a workload (Deployment, StatefulSet, Job). */
  static Map<String, Object> podSpec(Map<String, Object> workload) {
    return map(map(map(workload.get("spec")).get("template")).get("spec"));
  }

  static Map<String, Object> container(Map<String, Object> workload, String name) {
    return list(podSpec(workload).get("containers")).stream()
        .filter(c -> name.equals(c.get("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no container " + name));
  }

  /** Each container port by its name. */
  static Map<String, Integer> containerPorts(Map<String, Object> container) {
    var ports = new LinkedHashMap<String, Integer>();
    for (var port : list(container.get("ports"))) {
      ports.put(String.valueOf(port.get("name")), (Integer) port.get("containerPort"));
    }
    return ports;
  }

  private static Map<String, String> strings(Object value) {
    var strings = new LinkedHashMap<String, String>();
    if (value instanceof Map<?, ?> entries) {
      entries.forEach((k, v) -> strings.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
    }
    return strings;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Object value) {
    return value instanceof List<?> ? (List<Map<String, Object>>) value : List.of();
  }

  /** Runs kubectl; CI installs it (.ci/run), so its absence is a failure, not a skip. */
  private static String kubectl(String... arguments) {
    var command = new ArrayList<String>(List.of("kubectl"));
    command.addAll(List.of(arguments));
    try {
      var errors = Files.createTempFile("kubectl", ".err");
      var process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
      var stdout = process.getInputStream().readAllBytes();
      if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
        fail("%s failed: %s", command, Files.readString(errors));
      }
      Files.delete(errors);
      return new String(stdout, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return fail(
          "kubectl is not on the PATH, so the Kubernetes manifests cannot be rendered: install it"
              + " (Debian: apt-get install kubernetes-client; .ci/run does so when it is absent)",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted while running %s", command);
    }
  }
}
