package dev.punctual.api.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.GlobalOperationComponentsCustomizer;
import org.springdoc.core.utils.SpringDocAnnotationsUtils;
import org.springframework.web.method.HandlerMethod;

/**
 * The error answers of the OpenAPI document, declared here once rather than on each operation:
 * every 4xx and 5xx response is {@code application/problem+json} with the {@code Problem} schema
 * (an operation declares only the code, the description and any example), and the errors every
 * operation shares are added: 500 and 503 (with {@code Retry-After}) everywhere, 400 where there is
 * input, 413 and 415 where there is a request body, 429 (with {@code Retry-After} and the {@code
 * RateLimit-*} headers) everywhere. With security on, every operation also needs the {@value
 * #BEARER_AUTH} scheme and may answer 401 and 403 (every documented operation needs a credential:
 * the open paths are not in the document). It works on each operation as springdoc builds it, so
 * that the schemas springdoc derived for an error from the method's return type are no longer
 * referenced, and springdoc drops them.
 */
final class ErrorResponses implements GlobalOperationComponentsCustomizer {

  /** The name of the bearer token security scheme in the document. */
  static final String BEARER_AUTH = "bearerAuth";

  private static final String PROBLEM =
      org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

  private final boolean secured;

  ErrorResponses(boolean secured) {
    this.secured = secured;
  }

  @Override
  public Operation customize(
      Operation operation, Components components, HandlerMethod handlerMethod) {
    secure(operation);
    describe(
        operation,
        SpringDocAnnotationsUtils.extractSchema(
            components, ProblemSchema.class, null, null, SpecVersion.V31));
    return operation;
  }

  /** The same without access to the components, whose {@code Problem} schema is then assumed. */
  @Override
  public Operation customize(Operation operation, HandlerMethod handlerMethod) {
    secure(operation);
    describe(operation, new Schema<>().$ref(Components.COMPONENTS_SCHEMAS_REF + "Problem"));
    return operation;
  }

  /** With security on: the bearer scheme, 401 and 403. */
  private void secure(Operation operation) {
    if (!secured) {
      return;
    }
    if (operation.getSecurity() == null || operation.getSecurity().isEmpty()) {
      operation.addSecurityItem(new SecurityRequirement().addList(BEARER_AUTH));
    }
    var responses = responsesOf(operation);
    responses.putIfAbsent(
        "401",
        error("No credential, or one that was refused: send Authorization: Bearer <API key or JWT>")
            .addHeaderObject(
                "WWW-Authenticate",
                new Header()
                    .description(
                        "`Bearer`, with `error=\"invalid_token\"` when a token was refused")
                    .schema(new StringSchema())));
    responses.putIfAbsent(
        "403",
        error(
            "The credential lacks the scope this operation needs (`requiredScope` names it), or"
                + " names a namespace it is not bound to"));
  }

  private static ApiResponses responsesOf(Operation operation) {
    var responses = operation.getResponses();
    if (responses == null) {
      responses = new ApiResponses();
      operation.setResponses(responses);
    }
    return responses;
  }

  private static void describe(Operation operation, Schema<?> problem) {
    var responses = responsesOf(operation);
    addShared(operation, responses);
    responses.forEach(
        (code, response) -> {
          if (code.startsWith("4") || code.startsWith("5")) {
            asProblem(response, problem);
          }
        });
  }

  private static void addShared(Operation operation, ApiResponses responses) {
    boolean hasBody = operation.getRequestBody() != null;
    // A path id cannot be invalid (an unknown one is 404), and a precondition header that does
    // not match is 412; a query parameter or an Idempotency-Key can be invalid.
    boolean hasInput =
        hasBody
            || (operation.getParameters() != null
                && operation.getParameters().stream()
                    .anyMatch(
                        p -> "query".equals(p.getIn()) || "Idempotency-Key".equals(p.getName())));
    if (hasInput) {
      responses.putIfAbsent("400", error("Invalid request; `errors` names the fields at fault"));
    }
    if (hasBody) {
      responses.putIfAbsent(
          "413", error("The request body is larger than the limit (256 KiB; 8 MiB for a batch)"));
      responses.putIfAbsent("415", error("The request body is not application/json"));
    }
    responses.putIfAbsent(
        "429",
        error(
                "The client's rate limit is used up; try again after `Retry-After` seconds. Every"
                    + " answer carries RateLimit-Limit (the budget), RateLimit-Remaining (requests"
                    + " left) and RateLimit-Reset (seconds until the budget is whole again)")
            .addHeaderObject("Retry-After", seconds("seconds to wait before trying again"))
            .addHeaderObject("RateLimit-Limit", seconds("requests the client may send at once"))
            .addHeaderObject("RateLimit-Remaining", seconds("requests left now"))
            .addHeaderObject(
                "RateLimit-Reset", seconds("seconds until the budget is whole again")));
    responses.putIfAbsent(
        "500", error("Unexpected error; the answer's `reference` is in the service's log"));
    responses.putIfAbsent(
        "503",
        error("PostgreSQL cannot be reached right now; nothing was changed, try again")
            .addHeaderObject("Retry-After", seconds("seconds to wait before trying again")));
  }

  /**
   * Makes the response a problem: its only content is {@code application/problem+json} with the
   * {@code Problem} schema, keeping the examples it declared for that media type.
   */
  private static void asProblem(ApiResponse response, Schema<?> problem) {
    var declared = response.getContent() == null ? null : response.getContent().get(PROBLEM);
    var mediaType = declared == null ? new MediaType() : declared;
    response.setContent(new Content().addMediaType(PROBLEM, mediaType.schema(problem)));
  }

  private static Header seconds(String description) {
    return new Header().description(description).schema(new IntegerSchema());
  }

  private static ApiResponse error(String description) {
    return new ApiResponse().description(description);
  }
}
