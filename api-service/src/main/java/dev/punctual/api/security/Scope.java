package dev.punctual.api.security;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a credential may do. {@link #ADMIN} may do everything; the others do not imply each other (a
 * key that writes jobs does not read them unless it also has {@link #JOBS_READ}).
 */
public enum Scope {
  /** {@code GET} jobs, executions and next runs. */
  JOBS_READ("jobs:read"),
  /** Create, batch, replace, delete, pause and resume jobs. */
  JOBS_WRITE("jobs:write"),
  /** Trigger and backfill jobs. */
  JOBS_TRIGGER("jobs:trigger"),
  /** Everything, including {@code /admin/**}. */
  ADMIN("admin");

  private final String value;

  Scope(String value) {
    this.value = value;
  }

  /** The scope as written in API keys, JWT {@code scope}/{@code scp} claims and error messages. */
  public String value() {
    return value;
  }

  /** The Spring Security authority of this scope, as the JWT support names scopes. */
  public String authority() {
    return "SCOPE_" + value;
  }

  /** The scope written {@code value}, if there is one. */
  public static Optional<Scope> of(String value) {
    return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
  }
}
