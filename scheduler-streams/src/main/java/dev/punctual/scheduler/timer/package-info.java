/**
 * The scheduler's timers: per job a {@link dev.punctual.scheduler.timer.JobState} in the {@code
 * job-state} store (definition, next occurrence, retries owed, attempts handled), and a time index
 * ({@code timer-index}) whose keys sort by due time so that one range scan finds everything due.
 * {@link dev.punctual.scheduler.timer.JobTimers} applies definitions, fires due timers and turns
 * results into retries; with {@link dev.punctual.scheduler.timer.Occurrences} it decides when a job
 * fires next, with {@code CatchUp} what its misfire policy does with missed occurrences, and with
 * {@code Overlaps} what its overlap policy does with an occurrence due while a run is open. {@code
 * JobStateStore} is the one writer of both stores. Both are changelogged, so the timers survive
 * crashes and move with their Kafka Streams task on a rebalance.
 */
@NullMarked
package dev.punctual.scheduler.timer;

import org.jspecify.annotations.NullMarked;
