package dev.punctual.api.system;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The request has no credential, or one the API refuses (answered 401 with {@code WWW-Authenticate:
 * Bearer}, RFC 6750).
 */
public final class UnauthorizedException extends ApiProblem {

  private final boolean tokenRefused;

  private UnauthorizedException(String detail, boolean tokenRefused) {
    super(HttpStatus.UNAUTHORIZED, "Unauthorized", detail);
    this.tokenRefused = tokenRefused;
  }

  /** The request carries no bearer token. */
  public static UnauthorizedException missingCredential() {
    return new UnauthorizedException(
        "This request needs a credential: send Authorization: Bearer <API key or JWT>. An"
            + " administrator issues API keys with POST /admin/api-keys.",
        false);
  }

  /** The request carries a bearer token that the API refuses. */
  public static UnauthorizedException refused() {
    return new UnauthorizedException(
        "The bearer token was refused: it is not a valid API key (it may have been revoked) nor a"
            + " valid, unexpired JWT of the configured issuer. Send Authorization: Bearer <API key"
            + " or JWT> with a valid one.",
        true);
  }

  @Override
  public HttpHeaders headers() {
    var headers = new HttpHeaders();
    headers.set(
        HttpHeaders.WWW_AUTHENTICATE,
        tokenRefused
            ? "Bearer error=\"invalid_token\", error_description=\"The token was refused\""
            : "Bearer");
    return headers;
  }
}
