package dev.punctual.api.openapi;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The shape of every error answer in the OpenAPI document (documentation only; answers are built by
 * {@code dev.punctual.api.system.ProblemAdvice}). {@link ErrorResponses} gives it to every 4xx and
 * 5xx response.
 */
@Schema(
    name = "Problem",
    description =
        "RFC 9457 problem details, media type application/problem+json. `errors` lists the fields"
            + " at fault when there are any.")
public record ProblemSchema(
    @Schema(example = "about:blank") String type,
    @Schema(example = "Invalid job definition") String title,
    @Schema(example = "400") int status,
    @Schema(
            example =
                "The job definition is invalid: schedule.cron: '0 2 * *' is not a valid cron"
                    + " expression.")
        String detail,
    @Schema(example = "/jobs") String instance,
    @ArraySchema(schema = @Schema(implementation = FieldErrorSchema.class))
        @Nullable List<FieldErrorSchema> errors,
    @Schema(
            description = "on a 403 for a missing scope: the scope the credential lacks",
            example = "jobs:write")
        @Nullable String requiredScope) {

  /** One field at fault. */
  @Schema(name = "FieldError")
  public record FieldErrorSchema(
      @Schema(
              description = "JSON path of the field, empty for the document as a whole",
              example = "schedule.cron")
          String field,
      @Schema(description = "What is wrong, for a person to act on") String message) {}
}
