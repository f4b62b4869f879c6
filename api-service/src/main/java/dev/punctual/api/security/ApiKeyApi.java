package dev.punctual.api.security;

import dev.punctual.api.openapi.PageCursor;
import dev.punctual.api.openapi.PageLimit;
import dev.punctual.api.system.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The OpenAPI description of {@code /admin/api-keys}. */
@Tag(name = "API keys", description = "Issue, list and revoke API keys (scope admin)")
interface ApiKeyApi {

  @Operation(
      operationId = "issueApiKey",
      summary = "Issue an API key",
      description =
          "Creates a key with these scopes, bound to a namespace or to none (every namespace)."
              + " The answer's `key` is shown only here: Punctual stores only its SHA-256.")
  @ApiResponse(responseCode = "201", description = "The key, shown this once")
  @ApiResponse(responseCode = "400", description = "`errors` names the fields at fault")
  IssuedApiKey issue(ApiKeyRequest request);

  @Operation(
      operationId = "listApiKeys",
      summary = "List the active API keys",
      description = "Keys that have not been revoked, in id order, without the keys themselves.")
  @ApiResponse(
      responseCode = "200",
      description = "A page of keys",
      content = @Content(schema = @Schema(implementation = ApiKeyPageSchema.class)))
  Page<ApiKey> list(@PageLimit @Nullable Integer limit, @PageCursor @Nullable String cursor);

  @Operation(
      operationId = "revokeApiKey",
      summary = "Revoke an API key",
      description =
          "Every API instance refuses the key within 2 s (each trusts a verified key for at most"
              + " 1 s).")
  @ApiResponse(responseCode = "204", description = "Revoked")
  @ApiResponse(responseCode = "404", description = "No active key with this id")
  void revoke(@Parameter(description = "key id", example = "3f9a1c0e5b7d2a64") String id);

  /** The shape of a page of keys, for the document. */
  @Schema(name = "ApiKeyPage")
  record ApiKeyPageSchema(List<ApiKey> items, @Schema(nullable = true) String nextCursor) {}
}
