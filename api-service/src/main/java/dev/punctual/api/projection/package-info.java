/**
 * Projections of Kafka topics into PostgreSQL, so the REST API can answer from its database: one
 * {@link dev.punctual.api.projection.ProjectTopic} loop per {@link
 * dev.punctual.api.projection.Projection} (the jobs topic into {@code jobs}, the fires and results
 * topics into {@code executions} and the jobs' last run). Projections are idempotent (a record
 * applied twice changes nothing), so they consume at least once and commit offsets after the
 * database.
 */
@NullMarked
package dev.punctual.api.projection;

import org.jspecify.annotations.NullMarked;
