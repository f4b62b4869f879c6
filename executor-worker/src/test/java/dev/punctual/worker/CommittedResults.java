package dev.punctual.worker;

import dev.punctual.embedded.TopicReader;
import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.ExecutionStatus;
import dev.punctual.model.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Follows the results topic as a {@code read_committed} consumer while a test runs: {@link #poll}
 * adds what was committed since, for Awaitility conditions such as "at least 50 results".
 */
public final class CommittedResults implements AutoCloseable {

  private final Topics topics;
  private final TopicReader reader;
  private final List<ExecutionFinished> results = new ArrayList<>();

  public CommittedResults(Topics topics) {
    this.topics = topics;
    this.reader = new TopicReader(TestKafka.bootstrapServers(), topics.results().name());
  }

  /** Reads what was committed since the last call; every result so far. */
  public List<ExecutionFinished> poll() {
    reader
        .next(Duration.ofMillis(200))
        .forEach(record -> results.add(TestKafka.result(topics, record)));
    return List.copyOf(results);
  }

  /** Polls; how many results the worker {@code workerId} committed so far. */
  public long by(String workerId) {
    return poll().stream().filter(r -> r.workerId().equals(workerId)).count();
  }

  /** Polls; the fire ids with a {@code SUCCEEDED} result so far. */
  public Set<String> succeeded() {
    return poll().stream()
        .filter(r -> r.status() == ExecutionStatus.SUCCEEDED)
        .map(ExecutionFinished::fireId)
        .collect(Collectors.toSet());
  }

  /** The results read so far, by fire id. */
  public Map<String, List<ExecutionFinished>> byFire() {
    return results.stream().collect(Collectors.groupingBy(ExecutionFinished::fireId));
  }

  @Override
  public void close() {
    reader.close();
  }
}
