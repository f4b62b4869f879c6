package dev.punctual.api.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The one table of which scope each endpoint needs. It builds the authorization rules of {@link
 * SecurityConfiguration} and names the missing scope in a 403, so the two cannot disagree. A
 * request that no rule names (including {@code /admin/**} and the management endpoints) needs
 * {@link Scope#ADMIN}: deny by default. The paths in {@link #OPEN} need no credential at all.
 */
public final class ScopeRules {

  /** One row of the table: requests with this method and path need this scope. */
  public record Rule(HttpMethod method, String pattern, Scope scope) {

    RequestMatcher matcher() {
      return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }
  }

  /** Every endpoint that needs less than {@link Scope#ADMIN}. */
  public static final List<Rule> RULES =
      List.of(
          new Rule(HttpMethod.GET, "/jobs", Scope.JOBS_READ),
          new Rule(HttpMethod.GET, "/jobs/{id}", Scope.JOBS_READ),
          new Rule(HttpMethod.GET, "/jobs/{id}/executions", Scope.JOBS_READ),
          new Rule(HttpMethod.GET, "/jobs/{id}/next-runs", Scope.JOBS_READ),
          new Rule(HttpMethod.GET, "/jobs/{id}/missed", Scope.JOBS_READ),
          new Rule(HttpMethod.GET, "/jobs/{id}/events", Scope.JOBS_READ),
          new Rule(HttpMethod.GET, "/events", Scope.JOBS_READ),
          new Rule(HttpMethod.GET, "/executions/{fireId}", Scope.JOBS_READ),
          new Rule(HttpMethod.POST, "/jobs", Scope.JOBS_WRITE),
          new Rule(HttpMethod.POST, "/jobs/batch", Scope.JOBS_WRITE),
          new Rule(HttpMethod.PUT, "/jobs/{id}", Scope.JOBS_WRITE),
          new Rule(HttpMethod.DELETE, "/jobs/{id}", Scope.JOBS_WRITE),
          new Rule(HttpMethod.POST, "/jobs/{id}/pause", Scope.JOBS_WRITE),
          new Rule(HttpMethod.POST, "/jobs/{id}/resume", Scope.JOBS_WRITE),
          new Rule(HttpMethod.POST, "/jobs/{id}/trigger", Scope.JOBS_TRIGGER),
          new Rule(HttpMethod.POST, "/jobs/{id}/backfill", Scope.JOBS_TRIGGER));

  /**
   * Paths open without a credential: Swagger UI and its resources, the OpenAPI and AsyncAPI
   * documents, health (for load balancers and probes) and the dashboard's static files.
   */
  public static final List<String> OPEN =
      List.of(
          "/api-docs",
          "/api-docs/**",
          "/swagger-ui/**",
          "/v3/api-docs",
          "/v3/api-docs.yaml",
          "/v3/api-docs/**",
          "/asyncapi.json",
          "/actuator/health",
          "/actuator/health/**",
          "/ui",
          "/ui/**");

  private static final List<RequestMatcher> OPEN_MATCHERS =
      OPEN.stream()
          .map(p -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(p))
          .toList();

  private ScopeRules() {}

  /** Whether {@code request} needs no credential. */
  public static boolean isOpen(HttpServletRequest request) {
    return OPEN_MATCHERS.stream().anyMatch(m -> m.matches(request));
  }

  /** The scope {@code request} needs: the first rule that matches, else {@link Scope#ADMIN}. */
  public static Scope requiredFor(HttpServletRequest request) {
    return RULES.stream()
        .filter(rule -> rule.matcher().matches(request))
        .map(Rule::scope)
        .findFirst()
        .orElse(Scope.ADMIN);
  }
}
