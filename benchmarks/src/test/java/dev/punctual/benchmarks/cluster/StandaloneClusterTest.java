package dev.punctual.benchmarks.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class StandaloneClusterTest {

  @Test
  void keepsEveryFreeDefaultPortAndMovesOnlyTheTakenOnes() {
    var taken = Set.of(9092, 3015);

    var ports = StandaloneCluster.ports(port -> !taken.contains(port), () -> 40_000);

    assertThat(ports)
        .containsEntry("kafka-port", 40_000)
        .containsEntry("api-port", 40_000)
        .containsEntry("kafka-controller-port", 9093)
        .containsEntry("postgres-port", 15432)
        .containsEntry("scheduler-port", 3016)
        .containsEntry("worker-port", 3017)
        .containsEntry("api-management-port", 3018)
        .hasSize(StandaloneCluster.DEFAULT_PORTS.size());
  }

  @Test
  void findsTheJarThatPunctualRunStarts() {
    assertThat(Jars.isStandaloneJar("standalone-0.1.0-SNAPSHOT.jar")).isTrue();
    assertThat(Jars.isStandaloneJar("standalone-0.1.0-SNAPSHOT.jar.original")).isFalse();
    assertThat(Jars.isStandaloneJar("standalone-0.1.0-SNAPSHOT-plain.jar")).isFalse();
    assertThat(Jars.isStandaloneJar("standalone-it.log")).isFalse();
  }
}
