package dev.punctual.api.security;

import dev.punctual.api.system.ForbiddenException;
import dev.punctual.api.system.UnauthorizedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Answers 401 and 403 as every other error: the refusal is handed to MVC's exception resolvers, so
 * that {@code ProblemAdvice} writes the same problem+json as for any other refusal, with {@code
 * WWW-Authenticate: Bearer} on a 401 and {@code requiredScope} on a 403.
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

  private final HandlerExceptionResolver resolver;

  SecurityProblems(HandlerExceptionResolver resolver) {
    this.resolver = resolver;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e) {
    // Insufficient: no token at all (the request went on anonymously and was then refused).
    var problem =
        e instanceof InsufficientAuthenticationException
            ? UnauthorizedException.missingCredential()
            : UnauthorizedException.refused();
    resolver.resolveException(request, response, null, problem);
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) {
    var scope = ScopeRules.requiredFor(request);
    resolver.resolveException(
        request, response, null, ForbiddenException.missingScope(scope.value()));
  }
}
