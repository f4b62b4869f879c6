package dev.punctual.scheduler.failover;

import dev.punctual.embedded.TopicReader;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads the fires topic from the beginning with a {@link TopicReader} on a thread of its own,
 * keeping every fire with the partition it came from and when it became visible.
 */
final class FiresReader implements AutoCloseable {

  /**
   * A fire as read.
   *
   * @param receivedAt when this reader got it (wall clock, epoch millis): after its transaction
   *     committed
   */
  record Seen(JobFired fire, int partition, long receivedAt) {}

  private final List<Seen> seen = new ArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;
  private volatile RuntimeException failure;

  FiresReader(String bootstrapServers, Topics topics) {
    var reader = new TopicReader(bootstrapServers, topics.fires().name());
    var fires = topics.fires().valueSerde().deserializer();
    thread =
        Thread.ofPlatform()
            .name("fires-reader")
            .start(
                () -> {
                  try (reader) {
                    while (running.get()) {
                      var records = reader.next(Duration.ofMillis(100));
                      long now = System.currentTimeMillis();
                      synchronized (seen) {
                        records.forEach(
                            r ->
                                seen.add(
                                    new Seen(
                                        fires.deserialize(r.topic(), r.value()),
                                        r.partition(),
                                        now)));
                      }
                    }
                  } catch (RuntimeException e) {
                    failure = e;
                  }
                });
  }

  /** A copy of every fire read so far. */
  List<Seen> seen() {
    if (failure != null) {
      throw new IllegalStateException("the fires reader failed", failure);
    }
    synchronized (seen) {
      return List.copyOf(seen);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join(10_000);
  }
}
