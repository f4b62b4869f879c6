package dev.punctual.api.system;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The title and description of the OpenAPI document behind Swagger UI ({@code /api-docs}). */
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
                    what this API accepts, the topic accepts. Every error is \
                    application/problem+json (RFC 9457). Lists are pages \
                    `{"items":[…],"nextCursor":"…"|null}`: pass `nextCursor` as `cursor` for the \
                    next page."""));
  }
}
