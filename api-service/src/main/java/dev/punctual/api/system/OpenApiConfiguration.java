package dev.punctual.api.system;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document behind Swagger UI ({@code /api-docs}): title and description, and the error
 * answers every operation shares, added here once rather than on each operation: 500 and 503 (with
 * {@code Retry-After}) everywhere, 400 where there is input, 413 and 415 where there is a request
 * body.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  private static final String PROBLEM = "application/problem+json";
  private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

  @Bean
  OpenAPI punctualOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Punctual API")
                .version("v1")
                .description(
                    """
                    Define jobs (cron, fixed interval or one-time) that Punctual fires on time \
                    and executes as an HTTP call or a Kafka record. A definition written here is \
                    stored in PostgreSQL before the answer and published to the jobs topic; \
                    what this API accepts, the topic accepts, and jobs written to the topic \
                    directly show up here. Every error is application/problem+json (RFC 9457) \
                    with `errors` naming the fields at fault. Lists are pages \
                    `{"items":[…],"nextCursor":"…"|null}`: pass `nextCursor` as `cursor` for the \
                    next page. A job's `ETag` is its version; send it as `If-Match` to write \
                    only if nobody changed the job since you read it."""));
  }

  @Bean
  OpenApiCustomizer commonErrorResponses() {
    return openApi -> {
      if (openApi.getPaths() == null) {
        return;
      }
      openApi
          .getPaths()
          .values()
          .forEach(path -> path.readOperations().forEach(OpenApiConfiguration::addErrors));
    };
  }

  private static void addErrors(Operation operation) {
    var responses = operation.getResponses();
    if (responses == null) {
      responses = new ApiResponses();
      operation.setResponses(responses);
    }
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
      responses.putIfAbsent("400", problem("Invalid request; `errors` names the fields at fault"));
    }
    if (hasBody) {
      responses.putIfAbsent(
          "413", problem("The request body is larger than the limit (256 KiB; 8 MiB for a batch)"));
      responses.putIfAbsent("415", problem("The request body is not application/json"));
    }
    responses.putIfAbsent(
        "500", problem("Unexpected error; the answer's `reference` is in the service's log"));
    responses.putIfAbsent(
        "503",
        problem("PostgreSQL cannot be reached right now; nothing was changed, try again")
            .addHeaderObject(
                "Retry-After",
                new Header()
                    .description("seconds to wait before trying again")
                    .schema(new IntegerSchema())));
  }

  private static ApiResponse problem(String description) {
    return new ApiResponse()
        .description(description)
        .content(
            new Content()
                .addMediaType(
                    PROBLEM, new MediaType().schema(new Schema<>().$ref(PROBLEM_SCHEMA))));
  }
}
