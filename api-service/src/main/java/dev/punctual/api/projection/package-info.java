/**
 * Projections of Kafka topics into PostgreSQL, so the REST API can answer from its database: {@link
 * dev.punctual.api.projection.ProjectResults} reads the results topic and records every attempt in
 * {@code executions} and the latest run on the job. Projections are idempotent (a record applied
 * twice changes nothing), so they consume at least once and commit offsets after the database.
 */
@NullMarked
package dev.punctual.api.projection;

import org.jspecify.annotations.NullMarked;
