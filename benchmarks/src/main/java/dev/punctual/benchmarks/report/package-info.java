/**
 * The outcome of a benchmark run: one {@link dev.punctual.benchmarks.report.ScenarioResult} per
 * scenario, the machine it ran on, a table for people and a JSON document for tools.
 */
@NullMarked
package dev.punctual.benchmarks.report;

import org.jspecify.annotations.NullMarked;
