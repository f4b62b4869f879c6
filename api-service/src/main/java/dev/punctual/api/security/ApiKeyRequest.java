package dev.punctual.api.security;

import dev.punctual.api.system.InvalidBodyException;
import dev.punctual.api.system.TextParameters;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.validation.FieldError;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /admin/api-keys}.
 *
 * @param name what the key is for, 1 to {@value #MAX_NAME_LENGTH} characters
 * @param scopes at least one of {@code jobs:read}, {@code jobs:write}, {@code jobs:trigger}, {@code
 *     admin}
 * @param namespace the only namespace the key sees and changes (same pattern as a job id); {@code
 *     null} for every namespace
 */
@Schema(
    name = "ApiKeyRequest",
    example =
        """
        {"name": "reporting team CI", "scopes": ["jobs:read", "jobs:write"],
         "namespace": "reporting"}
        """)
public record ApiKeyRequest(
    @Nullable String name,
    @Nullable @Schema(allowableValues = {"jobs:read", "jobs:write", "jobs:trigger", "admin"})
        List<String> scopes,
    @Nullable @Schema(description = "null: every namespace", nullable = true) String namespace) {

  public static final int MAX_NAME_LENGTH = 256;

  /**
   * The request with its scopes in a stable order and without duplicates.
   *
   * @throws InvalidBodyException naming every field at fault
   */
  ApiKeyRequest validated() {
    var errors = new ArrayList<FieldError>();
    if (name == null || name.isBlank()) {
      errors.add(new FieldError("name", "is required"));
    } else if (name.length() > MAX_NAME_LENGTH) {
      errors.add(new FieldError("name", "must be at most " + MAX_NAME_LENGTH + " characters"));
    } else if (TextParameters.unstorable(name) != null) {
      errors.add(new FieldError("name", "must not contain " + TextParameters.unstorable(name)));
    }
    var known = new LinkedHashSet<String>();
    if (scopes == null || scopes.isEmpty()) {
      errors.add(
          new FieldError(
              "scopes", "must name at least one of jobs:read, jobs:write, jobs:trigger, admin"));
    } else {
      for (int i = 0; i < scopes.size(); i++) {
        var scope = scopes.get(i) == null ? null : Scope.of(scopes.get(i));
        if (scope == null || scope.isEmpty()) {
          errors.add(
              new FieldError(
                  "scopes[" + i + "]",
                  "is not a scope: use jobs:read, jobs:write, jobs:trigger or admin"));
        } else {
          known.add(scope.get().value());
        }
      }
    }
    if (namespace != null && !JobDefinition.isValidNamespace(namespace)) {
      errors.add(
          new FieldError(
              "namespace", "must be 1 to 128 letters, digits, '.', '_' or '-', or null"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidBodyException(errors);
    }
    return new ApiKeyRequest(name, List.copyOf(known), namespace);
  }
}
