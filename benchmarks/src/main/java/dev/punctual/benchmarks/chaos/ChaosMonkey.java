package dev.punctual.benchmarks.chaos;

import dev.punctual.benchmarks.cluster.ChaosCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills a random scheduler, worker or API process with SIGKILL every {@code killEvery} and starts
 * it again, and restarts the broker every {@code brokerEvery}, until the end of the run. One thing
 * at a time: the next kill waits until the last victim is ready again, so the cluster is never
 * short of more than one process (a kill that is due meanwhile happens right after).
 */
final class ChaosMonkey {

  private static final Logger log = LoggerFactory.getLogger(ChaosMonkey.class);

  private final ChaosCluster cluster;
  private final Duration killEvery;
  private final Duration brokerEvery;
  private final Random random = new Random(42);
  private final Map<String, Integer> kills = new TreeMap<>();
  private int brokerRestarts;

  ChaosMonkey(ChaosCluster cluster, Duration killEvery, Duration brokerEvery) {
    this.cluster = cluster;
    this.killEvery = killEvery;
    this.brokerEvery = brokerEvery;
  }

  /** Runs until {@code end}, then returns (after the restart in progress, if any). */
  void runUntil(Instant end) {
    var start = Instant.now();
    var nextKill = start.plus(killEvery);
    var nextBroker = start.plus(brokerEvery);
    while (Instant.now().isBefore(end)) {
      var now = Instant.now();
      if (!now.isBefore(nextBroker)) {
        log.info("Restarting the broker");
        cluster.restartBroker();
        brokerRestarts++;
        nextBroker = nextBroker.plus(brokerEvery);
      } else if (!now.isBefore(nextKill)) {
        var slots = cluster.slots();
        var victim = slots.get(random.nextInt(slots.size()));
        log.info("Killing {} (pid {}) with SIGKILL", victim.name(), victim.process().pid());
        victim.killAndRestart();
        kills.merge(victim.role(), 1, Integer::sum);
        nextKill = nextKill.plus(killEvery);
      } else {
        Pause.briefly();
      }
    }
  }

  /** Kills per role (api, scheduler, worker). */
  Map<String, Integer> kills() {
    return kills;
  }

  int brokerRestarts() {
    return brokerRestarts;
  }
}
