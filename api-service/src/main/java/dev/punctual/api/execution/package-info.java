/**
 * The history of a job's runs ({@code GET /jobs/{id}/executions}): one entry per attempt, as
 * projected from the results topic, newest first with keyset pagination.
 */
@NullMarked
package dev.punctual.api.execution;

import org.jspecify.annotations.NullMarked;
