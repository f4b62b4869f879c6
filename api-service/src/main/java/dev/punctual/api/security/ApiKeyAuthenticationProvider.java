package dev.punctual.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Authenticates bearer tokens that are API keys issued by Punctual ({@code pct_…}) or the bootstrap
 * admin key. Other tokens are left to the JWT provider (this one answers {@code null}).
 */
final class ApiKeyAuthenticationProvider implements AuthenticationProvider {

  /** The actor and rate-limit key of the bootstrap admin key. */
  static final String BOOTSTRAP_ADMIN = "bootstrap-admin";

  private final ApiKeys keys;
  private final byte @Nullable [] bootstrapAdminKey;

  ApiKeyAuthenticationProvider(ApiKeys keys, @Nullable String bootstrapAdminKey) {
    this.keys = keys;
    this.bootstrapAdminKey =
        bootstrapAdminKey == null ? null : bootstrapAdminKey.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public @Nullable Authentication authenticate(Authentication authentication) {
    var token = ((BearerTokenAuthenticationToken) authentication).getToken();
    if (isBootstrapAdminKey(token)) {
      return new CallerAuthentication(
          new Caller(BOOTSTRAP_ADMIN, Set.of(Scope.ADMIN), null, BOOTSTRAP_ADMIN));
    }
    if (!ApiKeyFormat.looksLikeKey(token)) {
      return null;
    }
    return keys.verify(token)
        .map(CallerAuthentication::new)
        .orElseThrow(() -> new InvalidBearerTokenException("unknown or revoked API key"));
  }

  /** Compared in constant time, so that the time of a refusal tells nothing about the key. */
  private boolean isBootstrapAdminKey(String token) {
    return bootstrapAdminKey != null
        && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), bootstrapAdminKey);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
