package dev.punctual.worker.secret;

import dev.punctual.model.job.Target;

/** What {@link ResolveSecrets} made of a target. */
public sealed interface Resolution {

  /**
   * The target to execute, with every secret filled in.
   *
   * @param target the target to execute; the fire's own when it references no secret
   * @param redaction removes the values used from what is reported about the execution
   */
  record Resolved(Target target, Redaction redaction) implements Resolution {}

  /**
   * The target cannot be executed.
   *
   * @param error why, for a person to act on; it names secrets, never their values
   * @param retryable whether a later attempt may succeed without a change (an unreadable file)
   */
  record Unresolved(String error, boolean retryable) implements Resolution {}

  /** A problem that another attempt would meet again. */
  static Unresolved unresolvable(String error) {
    return new Unresolved(error, false);
  }
}
