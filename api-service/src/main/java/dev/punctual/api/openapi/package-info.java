/**
 * The OpenAPI document behind Swagger UI ({@code /api-docs}, {@code /v3/api-docs}): its title and
 * description, the error answers every operation shares and the {@code Problem} schema they all
 * carry ({@link dev.punctual.api.openapi.ErrorResponses}), and annotations that declare once what
 * several features' operations repeat ({@link dev.punctual.api.openapi.JobNotFound}, {@link
 * dev.punctual.api.openapi.JobId}, {@link dev.punctual.api.openapi.PageLimit}, {@link
 * dev.punctual.api.openapi.PageCursor}). Each feature describes its own operations in an {@code
 * *Api} interface that its controller implements. Documentation only: nothing here changes what the
 * API answers.
 */
@NullMarked
package dev.punctual.api.openapi;

import org.jspecify.annotations.NullMarked;
