package dev.punctual.worker.http;

import java.net.URI;
import java.util.Optional;

/**
 * Decides whether the worker may call a URL; runs before each request is sent. The place where
 * protection against server-side request forgery (refusing loopback, private, link-local and
 * metadata addresses unless allowed) plugs in.
 */
@FunctionalInterface
public interface DestinationCheck {

  /** Allows every destination. */
  DestinationCheck ALLOW_ALL = uri -> Optional.empty();

  /** Why the worker must not call {@code uri}; empty when it may. */
  Optional<Refusal> check(URI uri);

  /**
   * Why the worker must not call {@code uri}, as a message a person can act on; empty when it may.
   */
  default Optional<String> refusal(URI uri) {
    return check(uri).map(Refusal::reason);
  }

  /**
   * A refused destination.
   *
   * @param reason why, for a person to act on
   * @param retryable whether a later attempt may be allowed without a change of settings (the host
   *     could not be resolved yet); a refusal by the rules is not retried
   */
  record Refusal(String reason, boolean retryable) {

    /** A refusal that only a change of settings lifts: another attempt would be refused again. */
    public static Refusal of(String reason) {
      return new Refusal(reason, false);
    }

    /** A refusal that may not hold for a later attempt. */
    public static Refusal retryable(String reason) {
      return new Refusal(reason, true);
    }
  }
}
