/**
 * The history of a job's runs ({@code GET /jobs/{id}/executions}, {@code GET
 * /executions/{fireId}}): one entry per attempt, projected from the fires topic (status {@code
 * FIRED}) and completed from the results topic, newest first with keyset pagination.
 */
@NullMarked
package dev.punctual.api.execution;

import org.jspecify.annotations.NullMarked;
