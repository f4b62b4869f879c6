package dev.punctual.benchmarks.chaos;

import dev.punctual.benchmarks.cluster.ChaosCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills a random scheduler, worker or API process with SIGKILL every {@code killEvery} and starts
 * it again, and restarts the broker every {@code brokerEvery}, until the end of the run. A victim
 * restarts in the background, so the schedule holds however long a start takes (minutes, on a busy
 * machine); the next victim is chosen among the processes that are up, and the run ends only once
 * every restart has finished.
 */
final class ChaosMonkey {

  private static final Logger log = LoggerFactory.getLogger(ChaosMonkey.class);

  private final ChaosCluster cluster;
  private final Duration killEvery;
  private final Duration brokerEvery;
  private final Random random = new Random(42);
  private final Map<String, Integer> kills = new ConcurrentSkipListMap<>();
  private final Set<String> restarting = ConcurrentHashMap.newKeySet();
  private final List<Future<?>> restarts = new ArrayList<>();
  private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
  private int brokerRestarts;

  ChaosMonkey(ChaosCluster cluster, Duration killEvery, Duration brokerEvery) {
    this.cluster = cluster;
    this.killEvery = killEvery;
    this.brokerEvery = brokerEvery;
  }

  /** Runs until {@code end}, then returns once every restart has finished. */
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
        killOne();
        // One kill per period: kills that fell due during a broker restart are skipped, not
        // done all at once.
        while (!nextKill.isAfter(now)) {
          nextKill = nextKill.plus(killEvery);
        }
      } else {
        Pause.briefly();
      }
    }
    awaitRestarts();
  }

  private void killOne() {
    var up = cluster.slots().stream().filter(s -> !restarting.contains(s.name())).toList();
    if (up.isEmpty()) {
      return;
    }
    var victim = up.get(random.nextInt(up.size()));
    restarting.add(victim.name());
    log.info("Killing {} (pid {}) with SIGKILL", victim.name(), victim.process().pid());
    kills.merge(victim.role(), 1, Integer::sum);
    restarts.add(
        background.submit(
            () -> {
              try {
                victim.killAndRestart();
              } finally {
                restarting.remove(victim.name());
              }
            }));
  }

  /** Waits for every restart; one that failed fails the run. */
  private void awaitRestarts() {
    try {
      for (var restart : restarts) {
        restart.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while processes restart", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a killed process did not start again", e.getCause());
    } finally {
      background.shutdown();
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
