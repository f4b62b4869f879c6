package dev.punctual.scheduler.timer;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The names, serdes and builders of the scheduler's state stores. Both are persistent (RocksDB).
 * The job states are changelogged (so a restarted or migrated task restores them and standby
 * replicas follow them); the time index is not: it is derived from the job states and rebuilt from
 * them when a task starts ({@link JobStateStore#rebuildIndex}). Neither has a record cache: a timer
 * key is written once and deleted once, and a job's state changes once per fire, so within a commit
 * interval there is nothing to deduplicate, and the cache's sorted map and evictions cost more than
 * they save (measured in the burst benchmark).
 */
public final class TimerStores {

  /** Job id → {@link JobState}. */
  public static final String JOB_STATE = "job-state";

  /** {@link TimerKey} bytes → nothing (the key says it all); scanned in due-time order. */
  public static final String TIMER_INDEX = "timer-index";

  static final byte[] NO_VALUE = new byte[0];

  private TimerStores() {}

  public static StoreBuilder<KeyValueStore<String, JobState>> jobState() {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(JOB_STATE), Serdes.String(), jobStateSerde())
        .withCachingDisabled();
  }

  public static StoreBuilder<KeyValueStore<Bytes, byte[]>> timerIndex() {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(TIMER_INDEX), Serdes.Bytes(), Serdes.ByteArray())
        .withCachingDisabled()
        .withLoggingDisabled();
  }

  /** Parsed definitions shared by every task of this JVM. */
  private static final DefinitionCache DEFINITIONS =
      new DefinitionCache(DefinitionCache.DEFAULT_CAPACITY);

  /** The serde of {@link JobState}: see {@link JobStateSerde} for the format. */
  static Serde<JobState> jobStateSerde() {
    return new JobStateSerde(DEFINITIONS);
  }
}
