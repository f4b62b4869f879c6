/**
 * Punctual's benchmarks: {@link dev.punctual.benchmarks.BenchmarkMain} runs the scenarios of {@link
 * dev.punctual.benchmarks.scenario} against a cluster (embedded, or given bootstrap servers and API
 * URL), shows progress while it runs, prints a table and writes a JSON report. Every figure is
 * measured from what a {@code read_committed} consumer or an HTTP client sees.
 */
@NullMarked
package dev.punctual.benchmarks;

import org.jspecify.annotations.NullMarked;
