package dev.punctual.api.security;

import java.util.EnumSet;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * Turns a verified JWT into an authentication whose details are its {@link Caller}: actor {@code
 * jwt:<sub>}, the scopes of its {@code scope} or {@code scp} claim that Punctual knows (others are
 * ignored), and the namespace of its optional {@code namespace} claim.
 */
final class JwtCallers implements Converter<Jwt, AbstractAuthenticationToken> {

  /** The claim that binds a token to one namespace. */
  static final String NAMESPACE_CLAIM = "namespace";

  private final JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();

  @Override
  public AbstractAuthenticationToken convert(Jwt jwt) {
    var granted = authorities.convert(jwt);
    var scopes = EnumSet.noneOf(Scope.class);
    for (var scope : Scope.values()) {
      if (granted.stream().anyMatch(a -> scope.authority().equals(a.getAuthority()))) {
        scopes.add(scope);
      }
    }
    var subject = jwt.getSubject() == null ? "" : jwt.getSubject();
    var token = new JwtAuthenticationToken(jwt, granted, subject);
    token.setDetails(
        new Caller("jwt:" + subject, scopes, jwt.getClaimAsString(NAMESPACE_CLAIM), subject));
    return token;
  }
}
