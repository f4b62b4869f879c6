package dev.punctual.scheduler.timer;

import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.json.JobDefinitionCodec;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parsed job definitions by their stored bytes, and stored bytes by parsed definition (by
 * identity). Every fire reads and writes its job's state; without this, each would parse and
 * validate the definition's JSON and write it again, which dominated the cost of a fire. A
 * definition changes rarely, so nearly every lookup hits. Bounded: when full it starts over.
 */
final class DefinitionCache {

  /** Entries kept; about 1.5 KiB of heap each. */
  static final int DEFAULT_CAPACITY = 100_000;

  private record Entry(byte[] bytes, JobDefinition definition) {}

  private final int capacity;
  private final ConcurrentHashMap<Integer, Entry> byContent = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Integer, Entry> byIdentity = new ConcurrentHashMap<>();

  DefinitionCache(int capacity) {
    this.capacity = capacity;
  }

  /** The definition these canonical bytes encode. */
  JobDefinition decode(byte[] bytes) {
    var cached = byContent.get(Arrays.hashCode(bytes));
    if (cached != null && Arrays.equals(cached.bytes(), bytes)) {
      return cached.definition();
    }
    var definition = JobDefinitionCodec.parse(bytes, null);
    remember(new Entry(bytes, definition));
    return definition;
  }

  /** The canonical bytes of this definition. */
  byte[] encode(JobDefinition definition) {
    var cached = byIdentity.get(System.identityHashCode(definition));
    if (cached != null && cached.definition() == definition) {
      return cached.bytes();
    }
    var bytes = JobDefinitionCodec.toBytes(definition);
    remember(new Entry(bytes, definition));
    return bytes;
  }

  int size() {
    return byContent.size();
  }

  private void remember(Entry entry) {
    if (byContent.size() >= capacity) {
      byContent.clear();
      byIdentity.clear();
    }
    byContent.put(Arrays.hashCode(entry.bytes()), entry);
    byIdentity.put(System.identityHashCode(entry.definition()), entry);
  }
}
