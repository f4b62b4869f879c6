package dev.punctual.api.audit;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The one table of audited requests: which method and path is which {@link AuditAction}, and where
 * its job id (or API key id) sits in the path. Everything else (reads, health, documentation) is
 * not audited.
 */
final class AuditedRoutes {

  /** One audited route. */
  record Route(String method, Pattern path, AuditAction action, Subject subject) {}

  /** What the path's first group names. */
  enum Subject {
    NONE,
    JOB,
    API_KEY
  }

  /** A request matched to its route, with the id its path names. */
  record Match(Route route, @Nullable String pathId) {}

  private static final String ID = "([^/]+)";

  // Order matters: /jobs/batch before /jobs/{id}.
  static final List<Route> ROUTES =
      List.of(
          route("POST", "/jobs", AuditAction.CREATE, Subject.NONE),
          route("POST", "/jobs/batch", AuditAction.CREATE, Subject.NONE),
          route("PUT", "/jobs/" + ID, AuditAction.UPDATE, Subject.JOB),
          route("DELETE", "/jobs/" + ID, AuditAction.DELETE, Subject.JOB),
          route("POST", "/jobs/" + ID + "/pause", AuditAction.PAUSE, Subject.JOB),
          route("POST", "/jobs/" + ID + "/resume", AuditAction.RESUME, Subject.JOB),
          route("POST", "/jobs/" + ID + "/trigger", AuditAction.TRIGGER, Subject.JOB),
          route("POST", "/jobs/" + ID + "/backfill", AuditAction.BACKFILL, Subject.JOB),
          route("POST", "/admin/resync/[^/]+", AuditAction.RESYNC, Subject.NONE),
          route("POST", "/admin/api-keys", AuditAction.KEY_ISSUE, Subject.NONE),
          route("DELETE", "/admin/api-keys/" + ID, AuditAction.KEY_REVOKE, Subject.API_KEY));

  private AuditedRoutes() {}

  /** The route of a request, if it is audited. */
  static Optional<Match> match(String method, String path) {
    for (var route : ROUTES) {
      if (!route.method().equals(method)) {
        continue;
      }
      var matcher = route.path().matcher(path);
      if (matcher.matches()) {
        return Optional.of(new Match(route, matcher.groupCount() > 0 ? matcher.group(1) : null));
      }
    }
    return Optional.empty();
  }

  /** The action recorded: a {@code PUT} that created the job (201) is a create. */
  static AuditAction action(Route route, int status) {
    return route.action() == AuditAction.UPDATE && status == 201
        ? AuditAction.CREATE
        : route.action();
  }

  private static Route route(String method, String path, AuditAction action, Subject subject) {
    return new Route(method, Pattern.compile(path), action, subject);
  }
}
