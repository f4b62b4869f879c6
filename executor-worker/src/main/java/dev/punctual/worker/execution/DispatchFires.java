package dev.punctual.worker.execution;

import dev.punctual.model.event.JobFired;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * Starts consumed fires on virtual threads, at most {@link LoopSettings#maxConcurrentExecutions} at
 * once and in the order they were consumed, and hands each execution's outputs back to the {@link
 * FireLedger}. A fire consumed before its {@code dueAt} (a scheduler's lead time) starts on its
 * thread but waits there until then ({@link HeldFires}); it takes its execution slot meanwhile.
 * Consuming pauses (backpressure) while fires wait to start, too many wait for their commit, or the
 * concurrency limit is reached. Used by the poll thread only; the executions hand their outputs
 * back through a thread-safe queue.
 */
final class DispatchFires {

  private final LoopSettings settings;
  private final ReadFire readFire;
  private final ExecuteFire executeFire;
  private final Executor executions;
  private final WorkerMetrics metrics;
  private final FireLedger<ProducerRecord<byte[], byte[]>> ledger;
  private final BlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
  private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
  private final HeldFires held;
  private int running;
  private boolean pausing;

  DispatchFires(
      LoopSettings settings,
      ReadFire readFire,
      ExecuteFire executeFire,
      Executor executions,
      WorkerMetrics metrics,
      FireLedger<ProducerRecord<byte[], byte[]>> ledger) {
    this.settings = settings;
    this.readFire = readFire;
    this.executeFire = executeFire;
    this.executions = executions;
    this.metrics = metrics;
    this.ledger = ledger;
    this.held = new HeldFires(executeFire.clock(), metrics.held());
  }

  /**
   * Pauses every assigned partition of {@code consumer} while fires must not be taken: when not
   * {@code accepting}, while fires wait to start, too many wait for their commit, or the
   * concurrency limit is reached; resumes them otherwise.
   */
  void applyBackpressure(Consumer<?, ?> consumer, boolean accepting) {
    pausing =
        !accepting
            || !waiting.isEmpty()
            || ledger.uncommitted() >= settings.maxUncommittedFires()
            || metrics.inFlight().get() >= settings.maxConcurrentExecutions();
    if (pausing) {
      if (consumer.paused().size() < consumer.assignment().size()) {
        consumer.pause(consumer.assignment());
      }
    } else if (!consumer.paused().isEmpty()) {
      consumer.resume(consumer.paused());
    }
  }

  /** Whether the last {@link #applyBackpressure} paused consuming. */
  boolean pausing() {
    return pausing;
  }

  /** Records {@code record} in the ledger and queues it to start. */
  void consumed(ConsumerRecord<byte[], byte[]> record) {
    var partition = new TopicPartition(record.topic(), record.partition());
    waiting.addLast(new Pending(ledger.consumed(partition, record.offset()), record));
  }

  /** Starts waiting fires in order while fewer than the concurrency limit execute. */
  void startWaiting() {
    // The poll thread alone raises the in-flight count, so this check cannot be overtaken.
    while (!waiting.isEmpty() && metrics.inFlight().get() < settings.maxConcurrentExecutions()) {
      start(waiting.removeFirst());
    }
  }

  private void start(Pending pending) {
    var offset = pending.record().offset();
    switch (readFire.read(pending.record())) {
      case ReadFire.Completed(var outputs) -> pending.progress().completed(offset, outputs);
      case ReadFire.Execute(var fire, var trace) -> {
        pending.progress().started(offset);
        metrics.inFlight().incrementAndGet();
        running++;
        var hold = held.holdIfEarly(fire, pending.progress(), offset);
        // The execution's span is a child of the fire's trace context (ExecuteFire).
        executions.execute(trace.wrap(() -> execute(pending, fire, hold)));
      }
    }
  }

  private void execute(Pending pending, JobFired fire, HeldFires.@Nullable Hold hold) {
    if (hold != null && !hold.awaitDue()) {
      return; // cancelled: the poll thread took it off the books (see cancelHeld)
    }
    List<ProducerRecord<byte[], byte[]>> outputs = null;
    Throwable crash = null;
    try {
      outputs = executeFire.execute(fire);
    } catch (Throwable e) {
      // ExecuteFire turns what it expects to fail into a FAILED result. Whatever still escapes (an
      // Error, a bug outside its guard) must not complete the fire with no output: its offset
      // would be committed with no result, and the fire lost. The poll thread reports it FAILED.
      crash = e;
    } finally {
      // Hand the completion over before counting the execution as finished, so that whoever sees
      // the count drop can rely on the completion being queued.
      completions.add(
          new Completion(
              pending.progress(), pending.record().offset(), fire, outputs, crash, hold));
      metrics.inFlight().decrementAndGet();
    }
  }

  /** Hands every execution that completed meanwhile to the ledger. */
  void collectCompletions() {
    Completion completion;
    while ((completion = completions.poll()) != null) {
      collect(completion);
    }
  }

  /** Waits up to {@code nanos} for one execution to complete, then collects all that did. */
  void awaitCompletion(long nanos) {
    try {
      var completion = completions.poll(nanos, TimeUnit.NANOSECONDS);
      if (completion != null) {
        collect(completion);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    collectCompletions();
  }

  private void collect(Completion completion) {
    running--;
    if (completion.hold() != null) {
      held.completed(completion.hold());
    }
    var outputs = completion.outputs();
    if (outputs == null) {
      outputs = executeFire.crashed(completion.fire(), completion.crash());
    }
    ledger.completed(completion.progress(), completion.offset(), outputs);
  }

  /** How many executions started and were not collected yet. */
  int running() {
    return running;
  }

  /**
   * Drops the fires of {@code partitions} that wait to start or are held until their due time: they
   * move to another worker, which executes them.
   */
  void forget(Collection<TopicPartition> partitions) {
    waiting.removeIf(pending -> partitions.contains(pending.progress().partition()));
    cancelHeld(partitions::contains);
  }

  /**
   * Drops every fire that waits to start or is held, as after the ledger was rewound or when the
   * session ends: they execute again from the last committed offsets.
   */
  void forgetAll() {
    waiting.clear();
    cancelHeld(partition -> true);
  }

  /** Cancels held fires that did not start: they no longer count as running. */
  private void cancelHeld(Predicate<TopicPartition> partitions) {
    for (var hold : held.cancel(partitions)) {
      hold.progress().cancelled(hold.offset());
      running--;
      metrics.inFlight().decrementAndGet();
    }
  }

  /** A consumed fire not started yet. */
  private record Pending(
      PartitionProgress<ProducerRecord<byte[], byte[]>> progress,
      ConsumerRecord<byte[], byte[]> record) {}

  /**
   * A finished execution, handed from its virtual thread to the poll thread: its outputs, or what
   * it threw instead.
   */
  private record Completion(
      PartitionProgress<ProducerRecord<byte[], byte[]>> progress,
      long offset,
      JobFired fire,
      @Nullable List<ProducerRecord<byte[], byte[]>> outputs,
      @Nullable Throwable crash,
      HeldFires.@Nullable Hold hold) {}
}
