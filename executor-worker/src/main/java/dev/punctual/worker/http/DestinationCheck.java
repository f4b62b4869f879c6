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

  /**
   * Why the worker must not call {@code uri}, as a message a person can act on; empty when it may.
   */
  Optional<String> refusal(URI uri);
}
