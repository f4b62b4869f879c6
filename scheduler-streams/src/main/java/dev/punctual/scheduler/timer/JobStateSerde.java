package dev.punctual.scheduler.timer;

import dev.punctual.model.job.JobStatus;
import dev.punctual.model.json.Json;
import dev.punctual.model.json.JsonSerde;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stored form of {@link JobState}: a version byte, the definition's canonical JSON (parsed
 * through {@link DefinitionCache}, so a fire does not parse it), then the scheduling fields in
 * binary. Instants are stored as epoch milliseconds, their precision everywhere in the scheduler.
 * Values written by earlier versions as JSON (they start with {@code '{'}) or as version 1 (no open
 * fire) are still read.
 *
 * <pre>
 * byte 2 | int n, n bytes definition | long anchor | long runs | long lastScheduledAt | long
 * nextFireAt | byte status | int r, r × (string fireId, long scheduledAt, int attempt, long retryAt)
 * | int h, h × (string fireId, int attempt) | byte o, o × (string fireId, long finishBy, long
 * buffered)                                       (absent instant = Long.MIN_VALUE)
 *   [ int m, m × (string fireId, string parameters as JSON) ]   only when m &gt; 0
 * </pre>
 *
 * <p>The manual fires' parameters ({@link JobState#manual()}) came after version 2; they trail the
 * value, present only when there are some, so the previous release (which reads version 2 and
 * ignores what follows the open fire) still reads every job's state during a rolling upgrade.
 */
final class JobStateSerde implements Serde<JobState>, Serializer<JobState>, Deserializer<JobState> {

  private static final byte VERSION = 2;

  /** The format before the open fire: the same fields without the trailing {@code byte o}. */
  private static final byte VERSION_WITHOUT_OPEN_FIRE = 1;

  private static final long ABSENT = Long.MIN_VALUE;
  private static final JobStatus[] STATUSES = JobStatus.values();

  private final DefinitionCache definitions;
  private final JsonSerde<JobState> legacy = new JsonSerde<>(JobState.class);

  JobStateSerde(DefinitionCache definitions) {
    this.definitions = definitions;
  }

  @Override
  public byte[] serialize(String topic, JobState state) {
    if (state == null) {
      return null;
    }
    byte[] definition = definitions.encode(state.definition());
    int size = 1 + 4 + definition.length + 8 * 4 + 1 + 4 + 4 + 1;
    for (var retry : state.retries()) {
      size += 4 + utf8Length(retry.fireId()) + 8 + 4 + 8;
    }
    for (var handled : state.handled()) {
      size += 4 + utf8Length(handled.fireId()) + 4;
    }
    var open = state.open();
    if (open != null) {
      size += 4 + utf8Length(open.fireId()) + 8 + 8;
    }
    var manual = manualBytes(state.manual());
    if (!manual.isEmpty()) {
      size += 4;
      for (var bytes : manual) {
        size += 4 + bytes.length;
      }
    }
    var buffer = ByteBuffer.allocate(size);
    buffer.put(VERSION).putInt(definition.length).put(definition);
    buffer.putLong(state.anchor().toEpochMilli()).putLong(state.runs());
    buffer.putLong(millis(state.lastScheduledAt())).putLong(millis(state.nextFireAt()));
    buffer.put((byte) state.status().ordinal());
    buffer.putInt(state.retries().size());
    for (var retry : state.retries()) {
      putString(buffer, retry.fireId());
      buffer.putLong(retry.scheduledAt().toEpochMilli()).putInt(retry.attempt());
      buffer.putLong(retry.retryAt().toEpochMilli());
    }
    buffer.putInt(state.handled().size());
    for (var handled : state.handled()) {
      putString(buffer, handled.fireId());
      buffer.putInt(handled.attempt());
    }
    buffer.put((byte) (open == null ? 0 : 1));
    if (open != null) {
      putString(buffer, open.fireId());
      buffer.putLong(open.finishBy().toEpochMilli()).putLong(millis(open.buffered()));
    }
    if (!manual.isEmpty()) {
      buffer.putInt(manual.size() / 2);
      for (var bytes : manual) {
        buffer.putInt(bytes.length).put(bytes);
      }
    }
    return buffer.array();
  }

  @Override
  public JobState deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (data.length > 0 && data[0] == '{') {
      return legacy.deserialize(topic, data);
    }
    if (data.length == 0 || (data[0] != VERSION && data[0] != VERSION_WITHOUT_OPEN_FIRE)) {
      throw new SerializationException(
          "job state of an unknown format (first byte "
              + (data.length == 0 ? "none" : data[0])
              + "); written by a newer version?");
    }
    var buffer = ByteBuffer.wrap(data, 1, data.length - 1);
    var definition = new byte[buffer.getInt()];
    buffer.get(definition);
    var anchor = Instant.ofEpochMilli(buffer.getLong());
    long runs = buffer.getLong();
    var lastScheduledAt = instant(buffer.getLong());
    var nextFireAt = instant(buffer.getLong());
    var status = STATUSES[buffer.get()];
    int retryCount = buffer.getInt();
    var retries = new ArrayList<PendingRetry>(retryCount);
    for (int i = 0; i < retryCount; i++) {
      var fireId = getString(buffer);
      var scheduledAt = Instant.ofEpochMilli(buffer.getLong());
      int attempt = buffer.getInt();
      retries.add(
          new PendingRetry(fireId, scheduledAt, attempt, Instant.ofEpochMilli(buffer.getLong())));
    }
    int handledCount = buffer.getInt();
    var handled = new ArrayList<HandledAttempt>(handledCount);
    for (int i = 0; i < handledCount; i++) {
      handled.add(new HandledAttempt(getString(buffer), buffer.getInt()));
    }
    @Nullable OpenFire open = null;
    if (data[0] == VERSION && buffer.get() == 1) {
      open =
          new OpenFire(
              getString(buffer), Instant.ofEpochMilli(buffer.getLong()), instant(buffer.getLong()));
    }
    List<ManualParameters> manual = List.of();
    if (data[0] == VERSION && buffer.hasRemaining()) {
      int manualCount = buffer.getInt();
      var kept = new ArrayList<ManualParameters>(manualCount);
      for (int i = 0; i < manualCount; i++) {
        var fireId = getString(buffer);
        var parameters = new byte[buffer.getInt()];
        buffer.get(parameters);
        kept.add(new ManualParameters(fireId, Json.fromBytes(parameters, ObjectNode.class)));
      }
      manual = List.copyOf(kept);
    }
    return new JobState(
        definitions.decode(definition),
        anchor,
        runs,
        lastScheduledAt,
        nextFireAt,
        status,
        List.copyOf(retries),
        List.copyOf(handled),
        open,
        manual);
  }

  /**
   * Each kept manual fire as its id's and its parameters' bytes, in turn; no allocation when there
   * are none, which is every fire of a job nobody triggered with parameters.
   */
  private static List<byte[]> manualBytes(List<ManualParameters> kept) {
    if (kept.isEmpty()) {
      return List.of();
    }
    var bytes = new ArrayList<byte[]>(kept.size() * 2);
    for (var manual : kept) {
      bytes.add(manual.fireId().getBytes(StandardCharsets.UTF_8));
      bytes.add(Json.toBytes(manual.parameters()));
    }
    return bytes;
  }

  private static long millis(@Nullable Instant instant) {
    return instant == null ? ABSENT : instant.toEpochMilli();
  }

  private static @Nullable Instant instant(long millis) {
    return millis == ABSENT ? null : Instant.ofEpochMilli(millis);
  }

  private static int utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private static void putString(ByteBuffer buffer, String text) {
    var bytes = text.getBytes(StandardCharsets.UTF_8);
    buffer.putInt(bytes.length).put(bytes);
  }

  private static String getString(ByteBuffer buffer) {
    var bytes = new byte[buffer.getInt()];
    buffer.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {}

  @Override
  public void close() {}

  @Override
  public Serializer<JobState> serializer() {
    return this;
  }

  @Override
  public Deserializer<JobState> deserializer() {
    return this;
  }
}
