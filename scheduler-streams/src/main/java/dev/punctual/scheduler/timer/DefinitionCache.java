package dev.punctual.scheduler.timer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.json.JobDefinitionCodec;
import java.util.Arrays;

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

  private final Cache<Content, JobDefinition> byContent;

  /** Weak keys compare by identity, which is what a parsed definition is looked up by. */
  private final Cache<JobDefinition, byte[]> byIdentity;

  DefinitionCache(int capacity) {
    byContent = Caffeine.newBuilder().maximumSize(capacity).build();
    byIdentity = Caffeine.newBuilder().weakKeys().maximumSize(capacity).build();
  }

  /** The definition these canonical bytes encode. */
  JobDefinition decode(byte[] bytes) {
    var definition =
        byContent.get(new Content(bytes), key -> JobDefinitionCodec.parse(bytes, null));
    // Nearly always there already: a read is cheaper than Caffeine's write path.
    if (byIdentity.getIfPresent(definition) == null) {
      byIdentity.put(definition, bytes);
    }
    return definition;
  }

  /** The canonical bytes of this definition. */
  byte[] encode(JobDefinition definition) {
    var bytes = byIdentity.get(definition, JobDefinitionCodec::toBytes);
    byContent.asMap().putIfAbsent(new Content(bytes), definition);
    return bytes;
  }

  /**
   * Stored bytes as a key. Not a {@link java.nio.ByteBuffer}: its {@code hashCode} runs byte by
   * byte, and hashing the definition on every read of a job's state was a tenth of a fire's cost
   * (JFR); {@link Arrays#hashCode(byte[])} and {@link Arrays#equals(byte[], byte[])} are vectorized
   * by the JIT. The hash is computed once per key.
   */
  private static final class Content {

    private final byte[] bytes;
    private final int hash;

    Content(byte[] bytes) {
      this.bytes = bytes;
      this.hash = Arrays.hashCode(bytes);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Content content
          && content.hash == hash
          && Arrays.equals(content.bytes, bytes);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  long size() {
    byContent.cleanUp();
    return byContent.estimatedSize();
  }
}
