package dev.punctual.api.security;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The answer to {@code POST /admin/api-keys}: the key's fields and, this once, the key itself.
 *
 * @param key send it as {@code Authorization: Bearer <key>}; it is not stored and cannot be shown
 *     again
 */
@Schema(
    name = "IssuedApiKey",
    example =
        """
        {"id": "3f9a1c0e5b7d2a64", "name": "reporting team CI", "scopes": ["jobs:read", "jobs:write"],
         "namespace": "reporting", "createdAt": "2027-03-12T09:15:00.000Z",
         "key": "pct_3f9a1c0e5b7d2a64_q8V0cXk1m2Zr7YbN4tLw9sHe3DfGjKpAuIoP6x5RnTc"}
        """)
public record IssuedApiKey(
    String id,
    String name,
    List<String> scopes,
    @Schema(nullable = true) @Nullable String namespace,
    Instant createdAt,
    @Schema(description = "shown only in this answer; store it now") String key) {

  static IssuedApiKey of(ApiKey stored, String key) {
    return new IssuedApiKey(
        stored.id(), stored.name(), stored.scopes(), stored.namespace(), stored.createdAt(), key);
  }
}
