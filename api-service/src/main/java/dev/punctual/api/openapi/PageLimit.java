package dev.punctual.api.openapi;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents the {@code limit} query parameter of a list, checked by {@code
 * dev.punctual.api.system.PageSize}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@Parameter(
    description = "page size, 1 to 500 (default 50)",
    schema = @Schema(type = "integer", minimum = "1", maximum = "500", defaultValue = "50"))
public @interface PageLimit {}
