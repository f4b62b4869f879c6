package dev.punctual.api.system;

import org.springframework.http.HttpStatus;

/**
 * Reading a request body went past the limit (answered 413). Unchecked, so that it travels
 * unchanged through whatever reads the body (the message converters let it pass) to {@link
 * ProblemAdvice}.
 */
public final class RequestBodyTooLargeException extends ApiProblem {

  private final long limit;

  public RequestBodyTooLargeException(long limit) {
    super(
        HttpStatus.CONTENT_TOO_LARGE,
        "Request body too large",
        "The request body is larger than " + limit + " bytes.");
    this.limit = limit;
  }

  /** The most bytes accepted. */
  public long limit() {
    return limit;
  }

  @Override
  public String detail() {
    return "The request body is larger than the limit of "
        + limit
        + " bytes; send a smaller one"
        + " (split a batch into several requests).";
  }
}
