package dev.punctual.api.security;

import dev.punctual.api.system.ForbiddenException;
import dev.punctual.model.job.JobDefinition;
import java.util.EnumSet;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The {@link Caller} of the request this thread is answering, for the services that keep a caller
 * bound to a namespace to its jobs. Outside a request (background loops, projections) it is the
 * system itself, which sees every namespace.
 */
public final class CurrentCaller {

  /** The actor of work that no request asked for. */
  public static final String SYSTEM = "system";

  private CurrentCaller() {}

  public static Caller get() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
      return Callers.current(request.getRequest());
    }
    return new Caller(SYSTEM, EnumSet.allOf(Scope.class), null, SYSTEM);
  }

  /** Whether the current caller sees and changes jobs of {@code namespace}. */
  public static boolean sees(String namespace) {
    return get().sees(namespace);
  }

  /**
   * {@code definition} in the namespace where the current caller creates it: the caller's own when
   * the request named none.
   *
   * @param namespaceGiven whether the request named the namespace
   * @throws ForbiddenException when it named another namespace than the caller's
   */
  public static JobDefinition place(JobDefinition definition, boolean namespaceGiven) {
    var own = get().namespace();
    if (own == null) {
      return definition;
    }
    if (!namespaceGiven) {
      return definition.withNamespace(own);
    }
    if (!own.equals(definition.namespace())) {
      throw ForbiddenException.otherNamespace(definition.namespace(), own);
    }
    return definition;
  }
}
