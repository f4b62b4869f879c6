package dev.punctual.api.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document behind Swagger UI ({@code /api-docs}): its title and description. The error
 * answers every operation shares are added by {@link ErrorResponses}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

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
  ErrorResponses errorResponses() {
    return new ErrorResponses();
  }
}
