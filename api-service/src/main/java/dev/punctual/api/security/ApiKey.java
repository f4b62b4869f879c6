package dev.punctual.api.security;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An API key as stored, without the key itself.
 *
 * @param id the public part of the key ({@code pct_<id>_…}); the actor {@code key:<id>}
 * @param name what the key is for, for people
 * @param scopes what the key may do
 * @param namespace the only namespace the key sees and changes; {@code null} for every namespace
 * @param createdAt when it was issued
 */
@Schema(
    name = "ApiKey",
    example =
        """
        {"id": "3f9a1c0e5b7d2a64", "name": "reporting team CI", "scopes": ["jobs:read", "jobs:write"],
         "namespace": "reporting", "createdAt": "2027-03-12T09:15:00.000Z"}
        """)
public record ApiKey(
    String id,
    String name,
    @Schema(allowableValues = {"jobs:read", "jobs:write", "jobs:trigger", "admin"})
        List<String> scopes,
    @Schema(description = "null: every namespace", nullable = true) @Nullable String namespace,
    Instant createdAt) {

  /** The caller this key authenticates. */
  Caller caller() {
    return new Caller("key:" + id, scopeSet(), namespace, id);
  }

  private Set<Scope> scopeSet() {
    return scopes.stream()
        .map(
            value ->
                Scope.of(value)
                    .orElseThrow(
                        () ->
                            new IllegalStateException(
                                "key " + id + " has unknown scope " + value + "; a bug")))
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }
}
