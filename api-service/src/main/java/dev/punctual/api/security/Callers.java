package dev.punctual.api.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Finds the {@link Caller} of the current request. Authentication {@linkplain #remember remembers}
 * the caller on the request, so that it is known also to filters that run outside the security
 * filter chain (the audit log sees the final answer there), and puts it as the principal (or, where
 * the principal must stay e.g. a JWT, as the details) of the {@code Authentication} it stores. A
 * request without one is {@linkplain #anonymous anonymous}: security is off, or the request is not
 * authenticated (yet).
 */
public final class Callers {

  /** The actor recorded for requests made with security off. */
  public static final String ANONYMOUS = "anonymous";

  private Callers() {}

  private static final String ATTRIBUTE = Caller.class.getName();

  /** Records {@code caller} as the authenticated sender of {@code request}. */
  public static void remember(HttpServletRequest request, Caller caller) {
    request.setAttribute(ATTRIBUTE, caller);
  }

  /** The caller of {@code request}. */
  public static Caller current(HttpServletRequest request) {
    if (request.getAttribute(ATTRIBUTE) instanceof Caller caller) {
      return caller;
    }
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
