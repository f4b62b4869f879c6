package dev.punctual.model.event;

import java.time.Instant;

/**
 * Fire ids are deterministic, so that the same occurrence always has the same id: {@code
 * <jobId>@<scheduledAt epoch millis>} for a scheduled fire and {@code <jobId>@manual-<requestId>}
 * for a manual one. A retry keeps the id of the fire it retries.
 */
public final class FireIds {

  private FireIds() {}

  public static String scheduled(String jobId, Instant scheduledAt) {
    return jobId + "@" + scheduledAt.toEpochMilli();
  }

  public static String manual(String jobId, String requestId) {
    return jobId + "@manual-" + requestId;
  }
}
