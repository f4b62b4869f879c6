package dev.punctual.api.system;

import java.io.IOException;

/**
 * Reading a request body went past the limit (answered 413). An {@link IOException}, so that it
 * travels through whatever reads the body and reaches {@link ProblemAdvice} as the cause.
 */
public final class RequestBodyTooLargeException extends IOException {

  private final long limit;

  public RequestBodyTooLargeException(long limit) {
    super("The request body is larger than " + limit + " bytes.");
    this.limit = limit;
  }

  /** The most bytes accepted. */
  public long limit() {
    return limit;
  }

  /** The detail of the 413 answer. */
  public String detail() {
    return "The request body is larger than the limit of "
        + limit
        + " bytes; send a smaller one"
        + " (split a batch into several requests).";
  }
}
