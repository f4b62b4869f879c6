package dev.punctual.scheduler.timer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.json.JobDefinitionCodec;
import java.nio.ByteBuffer;

/**
 * Parsed job definitions by their stored bytes, and stored bytes by parsed definition (by
 * identity). Every fire reads and writes its job's state; without this, each would parse and
 * validate the definition's JSON and write it again, which dominated the cost of a fire. A
 * definition changes rarely, so nearly every lookup hits. Bounded by Caffeine (least recently and
 * frequently used entries go first).
 */
final class DefinitionCache {

  /** Entries kept; about 1.5 KiB of heap each. */
  static final int DEFAULT_CAPACITY = 100_000;

  private final Cache<ByteBuffer, JobDefinition> byContent;

  /** Weak keys compare by identity, which is what a parsed definition is looked up by. */
  private final Cache<JobDefinition, byte[]> byIdentity;

  DefinitionCache(int capacity) {
    byContent = Caffeine.newBuilder().maximumSize(capacity).build();
    byIdentity = Caffeine.newBuilder().weakKeys().maximumSize(capacity).build();
  }

  /** The definition these canonical bytes encode. */
  JobDefinition decode(byte[] bytes) {
    var definition =
        byContent.get(ByteBuffer.wrap(bytes), key -> JobDefinitionCodec.parse(bytes, null));
    byIdentity.asMap().putIfAbsent(definition, bytes);
    return definition;
  }

  /** The canonical bytes of this definition. */
  byte[] encode(JobDefinition definition) {
    var bytes = byIdentity.get(definition, JobDefinitionCodec::toBytes);
    byContent.asMap().putIfAbsent(ByteBuffer.wrap(bytes), definition);
    return bytes;
  }

  long size() {
    byContent.cleanUp();
    return byContent.estimatedSize();
  }
}
