package dev.punctual.api.system;

import org.jspecify.annotations.Nullable;

/**
 * A conditional request ({@code If-Match}, {@code If-None-Match}) whose condition does not hold
 * (answered 412, with the resource's current {@code ETag} when it exists).
 */
public final class PreconditionFailedException extends RuntimeException {

  private final @Nullable String currentEtag;

  public PreconditionFailedException(String detail, @Nullable String currentEtag) {
    super(detail);
    this.currentEtag = currentEtag;
  }

  /** The resource's current entity tag; {@code null} when it does not exist. */
  public @Nullable String currentEtag() {
    return currentEtag;
  }
}
