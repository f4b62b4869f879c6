package dev.punctual.api.security;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Who sent a request, as every feature that cares sees it: the audit log (the {@link #actor}), the
 * rate limit (the {@link #rateLimitKey}) and namespace isolation (the {@link #namespace}).
 *
 * @param actor who is recorded as having done something: an API key's id ({@code key:<id>}), the
 *     bootstrap admin key ({@code bootstrap-admin}), a JWT's subject ({@code jwt:<sub>}), or, with
 *     security off, {@code anonymous}
 * @param scopes what the caller may do; every scope when security is off
 * @param namespace the only namespace the caller sees and changes; {@code null} for every namespace
 * @param rateLimitKey the budget the caller's requests draw from: the key id, the JWT subject, or
 *     the remote address when security is off
 */
public record Caller(
    String actor, Set<Scope> scopes, @Nullable String namespace, String rateLimitKey) {

  public Caller {
    scopes = Set.copyOf(scopes);
  }

  /** Whether the caller may do what {@code scope} allows ({@link Scope#ADMIN} allows all). */
  public boolean has(Scope scope) {
    return scopes.contains(scope) || scopes.contains(Scope.ADMIN);
  }

  /** Whether the caller may see and change jobs of {@code jobNamespace}. */
  public boolean sees(String jobNamespace) {
    return namespace == null || namespace.equals(jobNamespace);
  }
}
