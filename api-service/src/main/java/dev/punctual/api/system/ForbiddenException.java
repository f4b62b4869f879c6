package dev.punctual.api.system;

import java.util.Map;
import org.springframework.http.HttpStatus;

/** The caller is known but may not do this (answered 403). */
public final class ForbiddenException extends ApiProblem {

  private final Map<String, Object> properties;

  private ForbiddenException(String detail, Map<String, Object> properties) {
    super(HttpStatus.FORBIDDEN, "Forbidden", detail);
    this.properties = Map.copyOf(properties);
  }

  /**
   * The credential lacks the scope the request needs; the answer names it in {@code requiredScope}.
   */
  public static ForbiddenException missingScope(String scope) {
    return new ForbiddenException(
        "This credential lacks the scope "
            + scope
            + "; use a credential with scope "
            + scope
            + " (or admin).",
        Map.of("requiredScope", scope));
  }

  /** The credential is bound to another namespace than the one the request names. */
  public static ForbiddenException otherNamespace(String namespace, String ownNamespace) {
    return new ForbiddenException(
        "This credential may only create jobs in the namespace '"
            + ownNamespace
            + "', not in '"
            + namespace
            + "'; leave namespace out or set it to '"
            + ownNamespace
            + "'.",
        Map.of("namespace", namespace));
  }

  @Override
  public Map<String, Object> properties() {
    return properties;
  }
}
