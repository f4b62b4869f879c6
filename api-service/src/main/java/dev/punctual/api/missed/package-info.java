/**
 * Missed occurrences: the projection of the missed topic ({@code scheduler.missed}, one record per
 * misfire episode or skipped overlap) into PostgreSQL, and {@code GET /jobs/{id}/missed}, which
 * lists them newest first. The executions view stays one entry per attempt; a missed occurrence
 * never ran, so it has its own list rather than rows among the attempts.
 */
@NullMarked
package dev.punctual.api.missed;

import org.jspecify.annotations.NullMarked;
