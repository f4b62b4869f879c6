package dev.punctual.worker.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Decides which addresses the worker may connect to for a host; the HTTP client connects to exactly
 * the addresses {@link #resolve} answers (see {@link TargetHttpClient}), so the name is resolved
 * once and the addresses checked are the addresses called. The place where protection against
 * server-side request forgery (refusing loopback, private, link-local and metadata addresses unless
 * allowed) plugs in.
 */
@FunctionalInterface
public interface DestinationCheck {

  /** Allows every destination: the system resolver's answer, unchecked. */
  DestinationCheck ALLOW_ALL = InetAddress::getAllByName;

  /**
   * Resolves {@code host} once and checks every address it resolves to.
   *
   * @return the addresses the worker may connect to
   * @throws RefusedDestinationException when the worker must not call {@code host}
   * @throws UnknownHostException when {@code host} cannot be resolved
   */
  InetAddress[] resolve(String host) throws UnknownHostException;

  /** Why the worker must not call {@code uri}; empty when it may. */
  default Optional<Refusal> check(URI uri) {
    if (uri.getHost() == null) {
      return Optional.of(Refusal.of("refused: " + uri + " names no host"));
    }
    try {
      resolve(uri.getHost());
      return Optional.empty();
    } catch (RefusedDestinationException e) {
      return Optional.of(e.refusal());
    } catch (UnknownHostException e) {
      return Optional.of(
          Refusal.retryable("unknown host: " + uri.getHost() + " cannot be resolved"));
    }
  }

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
