package dev.punctual.api.openapi;

import dev.punctual.api.ApiProperties;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Comparator;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document behind Swagger UI ({@code /api-docs}): its title and description, and with
 * security on the {@code bearerAuth} scheme (Swagger UI's "Authorize"). The error answers every
 * operation shares, and the scheme on every operation, are added by {@link ErrorResponses}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  private static final String DESCRIPTION =
      """
      Define jobs (cron, fixed interval or one-time) that Punctual fires on time \
      and executes as an HTTP call or a Kafka record. A definition written here is \
      stored in PostgreSQL before the answer and published to the jobs topic; \
      what this API accepts, the topic accepts, and jobs written to the topic \
      directly show up here. Every error is application/problem+json (RFC 9457) \
      with `errors` naming the fields at fault. Lists are pages \
      `{"items":[…],"nextCursor":"…"|null}`: pass `nextCursor` as `cursor` for the \
      next page. A job's `ETag` is `"<version>-<digest>"`: the definition's \
      version and a digest of the answer, so `If-None-Match` answers 304 only \
      when nothing shown changed (run state included). Send it as `If-Match` to \
      write only if nobody changed the definition since you read it: a write \
      compares the version part alone (`"3"` works as well), so runs of the job \
      between the read and the write do not fail it.""";

  private static final String SECURITY =
      """


      Every operation needs `Authorization: Bearer <token>`: an API key (`pct_…`, \
      issued with `POST /admin/api-keys`), the bootstrap admin key, or a JWT of \
      the operator's issuer. Scopes: `jobs:read`, `jobs:write`, `jobs:trigger`, \
      `admin` (everything). A credential bound to a namespace sees only that \
      namespace's jobs. In Swagger UI, use "Authorize".""";

  @Bean
  OpenAPI punctualOpenApi(ApiProperties properties) {
    boolean secured = properties.security().enabled();
    var openApi =
        new OpenAPI()
            .info(
                new Info()
                    .title("Punctual API")
                    .version("v1")
                    .description(secured ? DESCRIPTION + SECURITY : DESCRIPTION));
    if (secured) {
      openApi.components(
          new Components()
              .addSecuritySchemes(
                  ErrorResponses.BEARER_AUTH,
                  new SecurityScheme()
                      .type(SecurityScheme.Type.HTTP)
                      .scheme("bearer")
                      .description(
                          "An API key (pct_…), the bootstrap admin key, or a JWT of the"
                              + " operator's issuer")));
    }
    return openApi;
  }

  /** Swagger UI shows the tags in this order: what a new user looks for first comes first. */
  static final List<String> TAG_ORDER =
      List.of("Jobs", "Job actions", "Executions", "API keys", "Admin");

  @Bean
  OpenApiCustomizer tagsInReadingOrder() {
    return openApi -> {
      if (openApi.getTags() != null) {
        openApi
            .getTags()
            .sort(
                Comparator.comparingInt(
                    tag ->
                        TAG_ORDER.contains(tag.getName())
                            ? TAG_ORDER.indexOf(tag.getName())
                            : TAG_ORDER.size()));
      }
    };
  }

  @Bean
  ErrorResponses errorResponses(ApiProperties properties) {
    return new ErrorResponses(properties.security().enabled());
  }
}
