/**
 * The API service: {@link dev.punctual.api.ApiApplication} and its one configuration record {@link
 * dev.punctual.api.ApiProperties}. The features live in sub-packages: {@code job} (the REST
 * resource of job definitions), {@code execution} (the history of runs), {@code missed} (missed
 * occurrences), {@code outbox} (publishing definitions to Kafka), {@code projection} (Kafka topics
 * into PostgreSQL), {@code security} (who the caller is), {@code ratelimit} (requests per caller),
 * {@code audit} (the log of every change) and {@code system} (errors, pagination, OpenAPI,
 * background loops).
 */
@NullMarked
package dev.punctual.api;

import org.jspecify.annotations.NullMarked;
