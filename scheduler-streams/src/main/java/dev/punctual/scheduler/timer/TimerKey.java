package dev.punctual.scheduler.timer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.common.utils.Bytes;

/**
 * The key of one timer in the time index: the due time as 8 bytes of big-endian epoch milliseconds,
 * then one byte for the {@link TimerKind}, then the job id in UTF-8. Keys therefore sort by due
 * time first, and {@link #dueUpTo(Instant)} finds every due timer with one range scan. A later kind
 * may append a further discriminator (such as a fire id) after the job id.
 *
 * @param dueAt when the timer is due; not before the epoch, so that the byte order is the time
 *     order
 * @param kind what the timer is for
 * @param jobId the job it belongs to
 */
public record TimerKey(Instant dueAt, TimerKind kind, String jobId) {

  private static final int TIME_BYTES = Long.BYTES;
  private static final int HEADER_BYTES = TIME_BYTES + 1;

  public TimerKey {
    Objects.requireNonNull(dueAt, "dueAt");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(jobId, "jobId");
    if (dueAt.toEpochMilli() < 0) {
      throw new IllegalArgumentException(
          "a timer due before 1970 (" + dueAt + ") cannot be indexed; this indicates a bug");
    }
  }

  /** The timer of a job's next scheduled occurrence. */
  public static TimerKey scheduled(Instant dueAt, String jobId) {
    return new TimerKey(dueAt, TimerKind.SCHEDULE, jobId);
  }

  /** The key in the time index. */
  public Bytes toBytes() {
    var id = jobId.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(
        ByteBuffer.allocate(HEADER_BYTES + id.length)
            .putLong(dueAt.toEpochMilli())
            .put(kind.code())
            .put(id)
            .array());
  }

  /** Reads a key written by {@link #toBytes()}. */
  public static TimerKey fromBytes(Bytes key) {
    var bytes = key.get();
    if (bytes.length <= HEADER_BYTES) {
      throw new IllegalArgumentException(
          "a time index key has " + bytes.length + " bytes; this indicates a bug");
    }
    var buffer = ByteBuffer.wrap(bytes);
    var dueAt = Instant.ofEpochMilli(buffer.getLong());
    var kind = TimerKind.ofCode(buffer.get());
    var jobId =
        new String(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES, StandardCharsets.UTF_8);
    return new TimerKey(dueAt, kind, jobId);
  }

  /** The lowest possible key: the lower bound of a scan for due timers. */
  static Bytes earliest() {
    return Bytes.wrap(new byte[TIME_BYTES]);
  }

  /**
   * The inclusive upper bound of a scan for the timers due at or before {@code now}: the bare time
   * prefix of the next millisecond, which sorts after every key due at {@code now} and before every
   * key due later (real keys are longer than the prefix).
   */
  static Bytes dueUpTo(Instant now) {
    return Bytes.wrap(ByteBuffer.allocate(TIME_BYTES).putLong(now.toEpochMilli() + 1).array());
  }
}
