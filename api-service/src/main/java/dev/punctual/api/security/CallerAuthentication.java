package dev.punctual.api.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated API key (or the bootstrap admin key): the {@link Caller} is the principal. */
final class CallerAuthentication extends AbstractAuthenticationToken {

  private final Caller caller;

  CallerAuthentication(Caller caller) {
    super(caller.scopes().stream().map(s -> new SimpleGrantedAuthority(s.authority())).toList());
    this.caller = caller;
    setAuthenticated(true);
  }

  @Override
  public Object getCredentials() {
    // The key itself is not kept once verified.
    return "";
  }

  @Override
  public Caller getPrincipal() {
    return caller;
  }
}
