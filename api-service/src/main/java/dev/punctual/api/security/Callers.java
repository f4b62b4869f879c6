package dev.punctual.api.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Finds the {@link Caller} of the current request. Authentication puts a {@link Caller} as the
 * principal (or, where the principal must stay e.g. a JWT, as the details) of the {@code
 * Authentication} it stores; a request without one is {@linkplain #anonymous anonymous}, which
 * happens only with security off.
 */
public final class Callers {

  /** The actor recorded for requests made with security off. */
  public static final String ANONYMOUS = "anonymous";

  private Callers() {}

  /** The caller of {@code request}. */
  public static Caller current(HttpServletRequest request) {
    var authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication != null) {
      if (authentication.getPrincipal() instanceof Caller caller) {
        return caller;
      }
      if (authentication.getDetails() instanceof Caller caller) {
        return caller;
      }
    }
    return anonymous(request);
  }

  /** A caller with every scope in every namespace, limited by its remote address. */
  public static Caller anonymous(HttpServletRequest request) {
    return new Caller(ANONYMOUS, EnumSet.allOf(Scope.class), null, request.getRemoteAddr());
  }
}
