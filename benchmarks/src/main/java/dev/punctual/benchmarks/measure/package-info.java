/**
 * Measuring instruments: a {@link dev.punctual.benchmarks.measure.TopicWatcher} that records every
 * fire or result of a benchmark's jobs as a {@code read_committed} consumer sees them, a {@link
 * dev.punctual.benchmarks.measure.JobLoader} that produces definitions straight onto the jobs
 * topic, latency summaries from HdrHistogram, and progress lines while a scenario runs.
 */
@NullMarked
package dev.punctual.benchmarks.measure;

import org.jspecify.annotations.NullMarked;
