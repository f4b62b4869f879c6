package dev.punctual.standalone;

import static dev.punctual.standalone.RenderedManifests.container;
import static dev.punctual.standalone.RenderedManifests.containerPorts;
import static dev.punctual.standalone.RenderedManifests.list;
import static dev.punctual.standalone.RenderedManifests.map;
import static dev.punctual.standalone.RenderedManifests.podSpec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.topic.Topics;
import dev.punctual.standalone.DeploymentFilesIT.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Renders every kustomization of {@code deploy/kubernetes} with {@code kubectl kustomize} and
 * checks the result against the code, as {@link DeploymentFilesIT} does for docker-compose.yml: the
 * variables each service is given, its probes and ports, the scheduler's identity and state, the
 * worker's autoscaler, the secrets, and the topics the Job creates.
 */
class KubernetesManifestsIT {

  static final Path KUBERNETES = DeploymentFilesIT.ROOT.resolve("deploy/kubernetes");

  /** A bearer token as RFC 6750 allows it: a placeholder must not be one. */
  private static final Pattern BEARER_TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

  private static List<RenderedManifests> renderings;

  /** The workload of each service: its kind and name in the manifests. */
  record Workload(Service service, String kind, String name) {}

  static final List<Workload> WORKLOADS =
      List.of(
          new Workload(DeploymentFilesIT.SERVICES.get(0), "Deployment", "punctual-api"),
          new Workload(DeploymentFilesIT.SERVICES.get(1), "StatefulSet", "punctual-scheduler"),
          new Workload(DeploymentFilesIT.SERVICES.get(2), "Deployment", "punctual-worker"));

  @BeforeAll
  static void render() throws IOException {
    renderings =
        kustomizations().stream().map(k -> RenderedManifests.render(KUBERNETES, k)).toList();
  }

  /** {@code base} and every directory of {@code overlays}. */
  static List<String> kustomizations() throws IOException {
    try (Stream<Path> overlays = Files.list(KUBERNETES.resolve("overlays"))) {
      var names = new TreeSet<String>();
      overlays.filter(Files::isDirectory).forEach(o -> names.add("overlays/" + o.getFileName()));
      assertThat(names).as("overlays").isNotEmpty();
      return Stream.concat(Stream.of("base"), names.stream()).toList();
    }
  }

  @Test
  void everyEnvironmentVariableIsAPropertyTheServiceReads() throws IOException {
    var known = DeploymentFilesIT.springPropertyNames();
    for (var workload : WORKLOADS) {
      var service = workload.service();
      var names = new TreeSet<>(known);
      names.addAll(DeploymentFilesIT.recordPropertyNames(service.prefix(), service.properties()));
      var config = DeploymentFilesIT.configFile(service);
      for (var rendering : renderings) {
        var environment = environment(rendering, workload);
        assertThat(environment).containsKeys("KAFKA_BOOTSTRAP_SERVERS", "PUNCTUAL_TOPIC_PREFIX");
        environment.forEach(
            (variable, value) ->
                assertThat(DeploymentFilesIT.reads(config, names, variable, value))
                    .as("%s of %s reads %s", service.name(), rendering.kustomization(), variable)
                    .isTrue());
      }
    }
  }

  @Test
  void theApiCredentialsAreASecretWhoseEveryKeyTheApiReads() {
    var withSecret =
        renderings.stream().filter(r -> r.find("Secret", "punctual-api-credentials").isPresent());
    assertThat(withSecret.map(RenderedManifests::kustomization))
        .as("a rendering that shows the credentials' keys (the others expect the Secret to exist)")
        .isNotEmpty();
    for (var rendering : renderings) {
      var api = container(rendering.get("Deployment", "punctual-api"), "api-service");
      assertThat(list(api.get("envFrom")))
          .anySatisfy(
              s ->
                  assertThat(map(s.get("secretRef")).get("name"))
                      .isEqualTo("punctual-api-credentials"));
    }
  }

  @Test
  void secretsHoldNothingButMarkedPlaceholders() {
    for (var rendering : renderings) {
      for (var secret : rendering.ofKind("Secret")) {
        RenderedManifests.secretValues(secret)
            .forEach(
                (key, value) -> {
                  assertThat(value)
                      .as(
                          "%s in %s: empty, or a marked placeholder",
                          key, rendering.kustomization())
                      .satisfiesAnyOf(
                          v -> assertThat(v).isEmpty(),
                          v -> assertThat(v).startsWith("<REPLACE-ME").endsWith(">"));
                  assertThat(BEARER_TOKEN.matcher(value).matches())
                      .as("%s's placeholder could be sent as a bearer token", key)
                      .isFalse();
                });
      }
    }
  }

  @Test
  void probesAskTheHealthGroupsOnTheServicePort() throws IOException {
    for (var workload : WORKLOADS) {
      var config = yaml(DeploymentFilesIT.configFile(workload.service()));
      var health = map(map(map(config.get("management")).get("endpoint")).get("health"));
      assertThat(map(health.get("probes")).get("enabled")).isEqualTo(true);
      assertThat(map(health.get("group"))).containsKey("readiness");
      int port = DeploymentFilesIT.configuredPort(workload.service());
      for (var rendering : renderings) {
        var container =
            container(rendering.get(workload.kind(), workload.name()), containerName(workload));
        assertProbe(container, "startupProbe", "/actuator/health/liveness", port);
        assertProbe(container, "livenessProbe", "/actuator/health/liveness", port);
        assertProbe(container, "readinessProbe", "/actuator/health/readiness", port);
      }
    }
  }

  @Test
  void prometheusScrapesTheMetricsPortAndTheServicesRouteToTheirPorts() throws IOException {
    for (var workload : WORKLOADS) {
      for (var rendering : renderings) {
        var resource = rendering.get(workload.kind(), workload.name());
        var container = container(resource, containerName(workload));
        int metrics = metricsPort(workload.service(), rendering.environment(container));
        var annotations =
            map(
                map(map(map(resource.get("spec")).get("template")).get("metadata"))
                    .get("annotations"));
        assertThat(annotations)
            .as("%s's scrape annotations", workload.name())
            .containsEntry("prometheus.io/scrape", "true")
            .containsEntry("prometheus.io/port", String.valueOf(metrics))
            .containsEntry("prometheus.io/path", "/actuator/prometheus");
        assertThat(containerPorts(container).values()).contains(metrics);
      }
    }
    for (var rendering : renderings) {
      var api = container(rendering.get("Deployment", "punctual-api"), "api-service");
      var service = map(rendering.get("Service", "punctual-api").get("spec"));
      var port = list(service.get("ports")).getFirst();
      assertThat(port.get("port"))
          .isEqualTo(DeploymentFilesIT.configuredPort(WORKLOADS.getFirst().service()));
      assertThat(containerPorts(api).get(String.valueOf(port.get("targetPort"))))
          .isEqualTo(port.get("port"));
    }
  }

  @Test
  void theSchedulerIsAStatefulSetWithStableInstanceIdsAndAStateVolume() {
    for (var rendering : renderings) {
      var scheduler = rendering.get("StatefulSet", "punctual-scheduler");
      var spec = map(scheduler.get("spec"));
      var container = container(scheduler, "scheduler-streams");
      var instanceId =
          list(container.get("env")).stream()
              .filter(e -> "PUNCTUAL_SCHEDULER_INSTANCE_ID".equals(e.get("name")))
              .findFirst()
              .orElseThrow();
      assertThat(map(map(instanceId.get("valueFrom")).get("fieldRef")).get("fieldPath"))
          .as("the instance id is the pod name, stable in a StatefulSet")
          .isEqualTo("metadata.name");

      var stateDir = rendering.environment(container).get("PUNCTUAL_SCHEDULER_STATE_DIR");
      var claims =
          list(spec.get("volumeClaimTemplates")).stream()
              .map(c -> map(c.get("metadata")).get("name"))
              .toList();
      assertThat(list(container.get("volumeMounts")))
          .as("the state directory %s is on a volume of its own", stateDir)
          .anySatisfy(
              mount -> {
                assertThat(claims).contains(mount.get("name"));
                assertThat(Path.of(stateDir).startsWith(String.valueOf(mount.get("mountPath"))))
                    .as("%s is under %s", stateDir, mount.get("mountPath"))
                    .isTrue();
                assertThat(mount.get("readOnly")).isNotEqualTo(true);
              });

      var headless =
          map(rendering.get("Service", String.valueOf(spec.get("serviceName"))).get("spec"));
      assertThat(headless.get("clusterIP")).isEqualTo("None");
    }
  }

  @Test
  void theWorkerScalesWithAnAutoscalerUpToThePartitionCount() {
    for (var rendering : renderings) {
      var worker = map(rendering.get("Deployment", "punctual-worker").get("spec"));
      assertThat(worker)
          .as("the autoscaler owns the worker's replicas")
          .doesNotContainKey("replicas");
      var hpa =
          rendering.ofKind("HorizontalPodAutoscaler").stream()
              .map(h -> map(h.get("spec")))
              .filter(h -> "punctual-worker".equals(map(h.get("scaleTargetRef")).get("name")))
              .findFirst()
              .orElseThrow(
                  () -> new AssertionError(rendering.kustomization() + ": no HPA for the worker"));
      assertThat(map(hpa.get("scaleTargetRef")).get("kind")).isEqualTo("Deployment");
      int partitions = TopicJob.partitions(rendering);
      assertThat((Integer) hpa.get("maxReplicas"))
          .as("workers beyond the partition count would stay idle")
          .isBetween((Integer) hpa.get("minReplicas"), partitions);
      var scheduler = map(rendering.get("StatefulSet", "punctual-scheduler").get("spec"));
      assertThat((Integer) scheduler.get("replicas")).isLessThanOrEqualTo(partitions);
    }
  }

  @Test
  void everyContainerRunsAsNonRootOnAReadOnlyRootWithinLimits() {
    for (var rendering : renderings) {
      for (var kind : List.of("Deployment", "StatefulSet", "Job")) {
        for (var workload : rendering.ofKind(kind)) {
          var pod = podSpec(workload);
          assertThat(map(pod.get("securityContext")).get("runAsNonRoot")).isEqualTo(true);
          for (var container : list(pod.get("containers"))) {
            var security = map(container.get("securityContext"));
            assertThat(security)
                .as("%s in %s", container.get("name"), rendering.kustomization())
                .containsEntry("readOnlyRootFilesystem", true)
                .containsEntry("allowPrivilegeEscalation", false);
            var resources = map(container.get("resources"));
            assertThat(map(resources.get("requests"))).containsKeys("cpu", "memory");
            assertThat(map(resources.get("limits"))).containsKeys("cpu", "memory");
          }
        }
      }
    }
  }

  @Test
  void theTopicJobCreatesEveryTopicAsTheStandaloneDoes(@TempDir Path dir) throws Exception {
    for (var rendering : renderings) {
      var job = TopicJob.environment(rendering);
      var api = environment(rendering, WORKLOADS.getFirst());
      var bootstrap = api.get("KAFKA_BOOTSTRAP_SERVERS");
      var topics = new Topics(api.get("PUNCTUAL_TOPIC_PREFIX"));
      var expected =
          topics
              .newTopics(
                  Integer.parseInt(job.get("TOPIC_PARTITIONS")),
                  Short.parseShort(job.get("TOPIC_REPLICATION_FACTOR")))
              .stream()
              .map(t -> TopicJob.CreatedTopic.of(bootstrap, t))
              .toList();

      var created = TopicJob.run(rendering, dir.resolve(rendering.kustomization()));

      assertThat(created)
          .as(
              "the topics %s creates, on the services' Kafka, with their prefix",
              rendering.kustomization())
          .containsExactlyInAnyOrderElementsOf(expected);
      assertThat(created.stream().map(TopicJob.CreatedTopic::name)).containsAll(topics.all());
    }
  }

  private static void assertProbe(
      Map<String, Object> container, String probe, String path, int port) {
    var get = map(map(container.get(probe)).get("httpGet"));
    assertThat(get.get("path")).as("%s of %s", probe, container.get("name")).isEqualTo(path);
    var target = String.valueOf(get.get("port"));
    assertThat(
            containerPorts(container)
                .getOrDefault(target, target.matches("[0-9]+") ? Integer.parseInt(target) : -1))
        .as("%s's port", probe)
        .isEqualTo(port);
  }

  /**
   * Where the service serves /actuator/prometheus: {@code MANAGEMENT_SERVER_PORT} if it is given
   * one, else its configured management port, else its server port.
   */
  private static int metricsPort(Service service, Map<String, String> environment)
      throws IOException {
    if (environment.containsKey("MANAGEMENT_SERVER_PORT")) {
      return Integer.parseInt(environment.get("MANAGEMENT_SERVER_PORT"));
    }
    var server =
        map(map(yaml(DeploymentFilesIT.configFile(service)).get("management")).get("server"));
    return server.get("port") != null
        ? DeploymentFilesIT.port(String.valueOf(server.get("port")))
        : DeploymentFilesIT.configuredPort(service);
  }

  private static Map<String, String> environment(RenderedManifests rendering, Workload workload) {
    return rendering.environment(
        container(rendering.get(workload.kind(), workload.name()), containerName(workload)));
  }

  /** Each service's container is named after it. */
  private static String containerName(Workload workload) {
    return workload.service().name();
  }

  private static Map<String, Object> yaml(String text) {
    return new Yaml().load(text);
  }
}
