package dev.punctual.api.openapi;

import io.swagger.v3.oas.annotations.Parameter;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents the {@code cursor} query parameter of a list, decoded by {@code
 * dev.punctual.api.system.Cursor}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@Parameter(description = "`nextCursor` of the previous page")
public @interface PageCursor {}
