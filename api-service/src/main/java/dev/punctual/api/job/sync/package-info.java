/**
 * The jobs topic and the {@code jobs} table kept in step: {@link
 * dev.punctual.api.job.sync.ProjectJobs} brings definitions that other producers write to the topic
 * into PostgreSQL (merging each record by the rules of {@link
 * dev.punctual.api.job.sync.JobsTopicMerge}), and the admin re-sync ({@code /admin/resync}, {@link
 * dev.punctual.api.job.sync.Resync}) rebuilds either side from the other, reading the topic as a
 * {@link dev.punctual.api.job.sync.JobsTopicSnapshot}. What the API itself writes reaches the topic
 * through the outbox, not through this package.
 */
@NullMarked
package dev.punctual.api.job.sync;

import org.jspecify.annotations.NullMarked;
