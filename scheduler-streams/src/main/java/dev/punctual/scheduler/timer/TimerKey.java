package dev.punctual.scheduler.timer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.common.utils.Bytes;
import org.jspecify.annotations.Nullable;

/**
 * The key of one timer in the time index: the due time as 8 bytes of big-endian epoch milliseconds,
 * one byte for the {@link TimerKind}, the job id in UTF-8 and, for a retry, a zero byte and the id
 * of the fire being retried. Keys therefore sort by due time first, and {@link #dueUpTo(Instant)}
 * finds every due timer with one range scan. Job ids never contain a zero byte ({@code
 * [A-Za-z0-9._-]}), so the separator is unambiguous.
 *
 * @param dueAt when the timer is due; not before the epoch, so that the byte order is the time
 *     order
 * @param kind what the timer is for
 * @param jobId the job it belongs to
 * @param fireId the fire a {@link TimerKind#RETRY} timer retries; {@code null} for a scheduled one
 */
public record TimerKey(Instant dueAt, TimerKind kind, String jobId, @Nullable String fireId) {

  private static final int TIME_BYTES = Long.BYTES;
  private static final int HEADER_BYTES = TIME_BYTES + 1;
  private static final byte SEPARATOR = 0;

  public TimerKey {
    Objects.requireNonNull(dueAt, "dueAt");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(jobId, "jobId");
    if (dueAt.toEpochMilli() < 0) {
      throw new IllegalArgumentException(
          "a timer due before 1970 (" + dueAt + ") cannot be indexed; this indicates a bug");
    }
    if ((kind == TimerKind.RETRY) != (fireId != null)) {
      throw new IllegalArgumentException(
          "a " + kind + " timer " + (fireId == null ? "needs" : "has no") + " fire id");
    }
  }

  /** The timer of a job's next scheduled occurrence. */
  public static TimerKey scheduled(Instant dueAt, String jobId) {
    return new TimerKey(dueAt, TimerKind.SCHEDULE, jobId, null);
  }

  /** The timer that releases a job's buffered occurrence when its open fire's bound passes. */
  public static TimerKey release(Instant dueAt, String jobId) {
    return new TimerKey(dueAt, TimerKind.RELEASE, jobId, null);
  }

  /** The timer of the next attempt of fire {@code fireId}. */
  public static TimerKey retry(Instant dueAt, String jobId, String fireId) {
    return new TimerKey(dueAt, TimerKind.RETRY, jobId, fireId);
  }

  /** The key in the time index. */
  public Bytes toBytes() {
    var id = jobId.getBytes(StandardCharsets.UTF_8);
    var fire = fireId == null ? null : fireId.getBytes(StandardCharsets.UTF_8);
    var buffer =
        ByteBuffer.allocate(HEADER_BYTES + id.length + (fire == null ? 0 : 1 + fire.length))
            .putLong(dueAt.toEpochMilli())
            .put(kind.code())
            .put(id);
    if (fire != null) {
      buffer.put(SEPARATOR).put(fire);
    }
    return Bytes.wrap(buffer.array());
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
    int separator = HEADER_BYTES;
    while (separator < bytes.length && bytes[separator] != SEPARATOR) {
      separator++;
    }
    var jobId = new String(bytes, HEADER_BYTES, separator - HEADER_BYTES, StandardCharsets.UTF_8);
    var fireId =
        separator < bytes.length
            ? new String(bytes, separator + 1, bytes.length - separator - 1, StandardCharsets.UTF_8)
            : null;
    return new TimerKey(dueAt, kind, jobId, fireId);
  }

  /** The lowest possible key: the lower bound of a scan for due timers. */
  static Bytes earliest() {
    return Bytes.wrap(new byte[TIME_BYTES]);
  }

  /**
   * The inclusive lower bound of a scan for the timers due at or after {@code epochMillis}: the
   * bare time prefix, which sorts before every key due then.
   */
  static Bytes dueFrom(long epochMillis) {
    return Bytes.wrap(ByteBuffer.allocate(TIME_BYTES).putLong(Math.max(0, epochMillis)).array());
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
