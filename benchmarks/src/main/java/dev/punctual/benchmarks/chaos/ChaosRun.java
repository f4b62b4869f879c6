package dev.punctual.benchmarks.chaos;

import dev.punctual.benchmarks.BenchmarkOptions;
import dev.punctual.benchmarks.cluster.ChaosCluster;
import dev.punctual.benchmarks.measure.ApiClient;
import dev.punctual.benchmarks.measure.JobLoader;
import dev.punctual.benchmarks.report.ScenarioResult;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One chaos run: stable jobs created through the API, then churn, kills and broker restarts from
 * their first occurrence for the run's duration, then quiescence (no more churn or kills, and the
 * stable jobs end; wait as long as the system keeps working off what is missing, see {@link
 * SettleWatch}) and the checks. Every checked count must be 0; the result is {@code failed}
 * otherwise, with examples of what went wrong in its notes.
 */
public final class ChaosRun {

  /** How long quiescence waits for what is missing to shrink before the checks count it. */
  static final Duration SETTLE_PATIENCE = Duration.ofMinutes(2);

  /** How long quiescence may take at most. */
  static final Duration SETTLE_DEADLINE = Duration.ofMinutes(20);

  /**
   * The time the stable jobs are given, per job, to be created and read by the schedulers before
   * their first occurrence: 20,000 took 175–290 s on a loaded 2-core machine while they were
   * already firing, less without. If they take longer, the checks start when they are all read.
   */
  static final Duration CREATION_PER_JOB = Duration.ofMillis(12);

  private final ChaosCluster cluster;
  private final BenchmarkOptions options;
  private final String prefix;
  private final Map<String, Object> figures = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();
  private boolean failed;

  /** When the scheduler had every stable job: their occurrences from then on are checked. */
  private Instant checkedFrom = Instant.EPOCH;

  private ChaosRun(ChaosCluster cluster, BenchmarkOptions options, String prefix) {
    this.cluster = cluster;
    this.options = options;
    this.prefix = prefix;
  }

  /** Runs the scenario {@code name} on {@code cluster}; job ids start with {@code prefix}. */
  public static ScenarioResult run(
      String name, String prefix, ChaosCluster cluster, BenchmarkOptions options) {
    var run = new ChaosRun(cluster, options, prefix);
    try (var target = TargetServer.start();
        var ledger = new FireLedger(cluster.bootstrapServers(), prefix, ChaosJobs.MAX_ATTEMPTS)) {
      run.execute(target, ledger);
    }
    run.notes.add("logs of every process: " + cluster.logs());
    return new ScenarioResult(name, run.failed ? "failed" : "measured", run.figures, run.notes);
  }

  private void execute(TargetServer target, FireLedger ledger) {
    var stable = createStableJobs(target);
    ledger.measureLatenessFrom(checkedFrom);
    var end = stable.end();
    figures.put("chaos (s)", Duration.between(checkedFrom, end).toSeconds());
    var monkey = new ChaosMonkey(cluster, options.chaosKillEvery(), options.chaosBrokerEvery());
    ChurnClients churn;
    try (var clients = new ChurnClients(cluster::apiUrls, prefix + "c", target.url())) {
      churn = clients;
      monkey.runUntil(end);
    }
    long settleStarted = System.nanoTime();
    boolean settled = settle(stable, end, ledger);
    figures.put("stable jobs", stable.count());
    figures.put("stable occurrences due", stable.occurrencesBetween(checkedFrom, end));
    figures.put("fire records", ledger.fireRecords());
    figures.put("result records", ledger.resultRecords());
    figures.put("HTTP target calls", target.calls());
    monkey.kills().forEach((role, n) -> figures.put(role + " processes killed", n));
    figures.put("broker restarts", monkey.brokerRestarts());
    figures.put("writes acknowledged", churn.acknowledged());
    figures.put("writes retried (5xx or no answer)", churn.retried());
    figures.put("writes unanswered within the retry deadline (not checked)", churn.unanswered());
    figures.put("settle time (s)", (System.nanoTime() - settleStarted) / 1_000_000_000);
    figures.putAll(ledger.lateness());
    figures.put("settled", settled ? "yes" : "no");
    check(stable, end, ledger, target, churn);
  }

  /**
   * Creates the stable jobs and waits until the scheduler has them all; occurrences from then on
   * (or from the first, if it came later) are checked.
   */
  private ChaosJobs createStableJobs(TargetServer target) {
    int count = (int) Math.max(1, options.chaosRate() * options.chaosPeriod().toMillis() / 1000);
    var start =
        Instant.now()
            .plusSeconds(5)
            .plus(CREATION_PER_JOB.multipliedBy(count))
            .truncatedTo(ChronoUnit.SECONDS);
    var end = start.plus(options.chaosDuration());
    var stable =
        new ChaosJobs(prefix + "s", count, options.chaosPeriod(), start, end, target.url());
    new ApiClient().createInBatches(cluster.apiUrls().get(0), count, stable::definition);
    await(() -> WriteAudit.outboxRows(cluster.database()) == 0, Duration.ofMinutes(5));
    new JobLoader(cluster.bootstrapServers()).awaitConsumed(Duration.ofMinutes(5));
    var now = Instant.now();
    checkedFrom = now.isAfter(start) ? now : start;
    figures.put(
        "stable jobs scheduled after their first occurrence (s)",
        Duration.between(start, checkedFrom).toSeconds());
    // The chaos starts with the first occurrence, so that it lasts --chaos-duration.
    await(() -> !Instant.now().isBefore(start), Duration.between(Instant.now(), start));
    return stable;
  }

  /**
   * Waits until nothing is missing any more, as long as what is missing keeps shrinking ({@link
   * SettleWatch}); true if settled.
   */
  private boolean settle(ChaosJobs stable, Instant end, FireLedger ledger) {
    var watch = new SettleWatch(SETTLE_PATIENCE, SETTLE_DEADLINE, System.nanoTime());
    while (true) {
      long missing =
          WriteAudit.outboxRows(cluster.database())
              + (ledger.awaitCaughtUp(Duration.ofSeconds(30)) ? 0 : 1)
              + ledger.withoutFinalResult(stable.prefix(), end).size()
              + stable.missedBetween(checkedFrom, end, ledger::fired).size();
      switch (watch.observe(missing, System.nanoTime())) {
        case SETTLED -> {
          return true;
        }
        case WAIT -> Pause.pause(Duration.ofSeconds(2));
        case STALLED -> {
          notes.add(
              "the system did not settle: "
                  + missing
                  + " things still missing, none worked off for "
                  + SETTLE_PATIENCE);
          return false;
        }
        case DEADLINE -> {
          notes.add("the system did not settle within " + SETTLE_DEADLINE);
          return false;
        }
      }
    }
  }

  private void check(
      ChaosJobs stable, Instant end, FireLedger ledger, TargetServer target, ChurnClients churn) {
    if (!ledger.awaitCaughtUp(Duration.ofSeconds(30))) {
      notes.add("the ledger did not catch up with the fires and results topics within 30 s");
    }
    var audit =
        WriteAudit.check(
            churn.jobs(), prefix + "c", cluster.database(), cluster.bootstrapServers());
    figures.put("writes checked (jobs)", audit.checked());
    var unread = ledger.readFailures();
    count("ledger read failures", unread, unread.size());
    count("duplicate fires", ledger.duplicateExamples(), ledger.duplicates());
    var missed = stable.missedBetween(checkedFrom, end, ledger::fired);
    count("missed occurrences", missed, missed.size());
    if (!missed.isEmpty()) {
      notes.add("missed occurrences per fires partition: " + ledger.byPartition(missed));
      notes.add("missed occurrences per 10 s of their time: " + perTenSeconds(missed));
    }
    var late = ledger.lateTimeline();
    if (!late.isEmpty()) {
      notes.add("fires more than 2 s late, per 10 s of emission and partition: " + late);
    }
    var unfinished = ledger.withoutFinalResult(stable.prefix(), end);
    count("fires without a final result", unfinished, unfinished.size());
    if (!unfinished.isEmpty()) {
      var examples = unfinished.subList(0, Math.min(5, unfinished.size()));
      notes.add(
          "fires without a final result, as the ledger read them: " + ledger.describe(examples));
      notes.add(
          "fires without a final result, as the API recorded them: "
              + WriteAudit.executions(cluster.database(), examples));
      notes.add(
          "fires without a final result, whether the HTTP target saw their key: "
              + examples.stream().map(id -> id + " " + target.called(id)).toList());
      notes.add(
          "the workers' committed offsets of the fires topic (past a fire's offset: the worker"
              + " committed it without a result): "
              + WorkerOffsets.committed(cluster.bootstrapServers()));
    }
    count(
        "acknowledged writes missing from PostgreSQL",
        audit.lostInDatabase(),
        audit.lostInDatabase().size());
    count(
        "acknowledged writes missing from the topic",
        audit.lostOnTopic(),
        audit.lostOnTopic().size());
    count("outbox rows left", List.of(), WriteAudit.outboxRows(cluster.database()));
    var notCalled = ledger.httpFiresNotCalled(target);
    count("HTTP fires that never reached the target", notCalled, notCalled.size());
    count("target calls without Idempotency-Key", List.of(), target.callsWithoutKey());
    count("writes refused (4xx)", churn.refusals(), churn.refusals().size());
  }

  /** A checked figure: it must be 0; otherwise the run fails and the notes show examples. */
  private void count(String figure, List<String> examples, long count) {
    figures.put(figure, count);
    if (count != 0) {
      failed = true;
      notes.add(
          figure
              + ": "
              + count
              + (examples.isEmpty() ? "" : ", e.g. " + WriteAudit.examples(examples)));
    }
  }

  /** How many of these fire ids ({@code <jobId>@<epoch ms>}) fall in each 10 s, by its start. */
  private static Map<String, Long> perTenSeconds(List<String> fireIds) {
    var counts = new java.util.TreeMap<String, Long>();
    for (var fireId : fireIds) {
      long at = ChaosJobs.occurrenceOf(fireId);
      counts.merge(Instant.ofEpochMilli(at - at % 10_000).toString(), 1L, Long::sum);
    }
    return counts;
  }

  private static boolean await(java.util.function.BooleanSupplier done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (done.getAsBoolean()) {
        return true;
      }
      Pause.pause(Duration.ofSeconds(1));
    }
    return done.getAsBoolean();
  }
}
