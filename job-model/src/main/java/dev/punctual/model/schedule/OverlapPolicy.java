package dev.punctual.model.schedule;

/**
 * What happens to an occurrence that falls due while an earlier fire of the same job has no final
 * result yet (a final result is {@code SUCCEEDED}, or a failure with no retry left).
 */
public enum OverlapPolicy {
  /** Fires never wait for earlier runs. The default. */
  ALLOW,
  /** The occurrence is not fired; it is reported as missed with reason {@code OVERLAP}. */
  SKIP,
  /**
   * At most one such occurrence waits and fires, with its own {@code scheduledAt}, as soon as the
   * earlier fire's final result arrives; further ones are skipped as with {@link #SKIP}.
   */
  BUFFER_ONE
}
