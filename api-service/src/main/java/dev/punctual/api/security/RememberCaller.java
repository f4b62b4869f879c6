package dev.punctual.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the authenticated {@link Caller} on the request, where filters outside the security chain
 * (rate limit, audit) find it after the security context has been cleared.
 */
final class RememberCaller extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    var authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication != null) {
      if (authentication.getPrincipal() instanceof Caller caller) {
        Callers.remember(request, caller);
      } else if (authentication.getDetails() instanceof Caller caller) {
        Callers.remember(request, caller);
      }
    }
    chain.doFilter(request, response);
  }
}
