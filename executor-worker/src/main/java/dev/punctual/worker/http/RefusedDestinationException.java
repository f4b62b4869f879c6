package dev.punctual.worker.http;

import dev.punctual.worker.http.DestinationCheck.Refusal;
import java.net.UnknownHostException;

/**
 * A host the worker must not call, thrown by {@link DestinationCheck#resolve} where the HTTP client
 * resolves the host, so that the client opens no connection. An {@link UnknownHostException}
 * because that is what the client's resolver may throw (and what it never retries).
 */
public final class RefusedDestinationException extends UnknownHostException {

  private final transient Refusal refusal;

  public RefusedDestinationException(Refusal refusal) {
    super(refusal.reason());
    this.refusal = refusal;
  }

  /** Why, and whether a later attempt may be allowed. */
  public Refusal refusal() {
    return refusal;
  }
}
