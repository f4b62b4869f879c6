package dev.punctual.scheduler.timer;

import dev.punctual.model.json.JsonSerde;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The names, serdes and builders of the scheduler's state stores. Both are persistent (RocksDB),
 * changelogged (so a restarted or migrated task restores them and standby replicas follow them) and
 * cached (so that a timer replaced within one commit interval costs one changelog record).
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
        .withCachingEnabled();
  }

  public static StoreBuilder<KeyValueStore<Bytes, byte[]>> timerIndex() {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(TIMER_INDEX), Serdes.Bytes(), Serdes.ByteArray())
        .withCachingEnabled();
  }

  /**
   * The serde of {@link JobState}: JSON through the shared mapper for now. It is the only place
   * that knows the stored format, so a compact binary format can replace it (with a version byte to
   * read old records).
   */
  static Serde<JobState> jobStateSerde() {
    return new JsonSerde<>(JobState.class);
  }
}
