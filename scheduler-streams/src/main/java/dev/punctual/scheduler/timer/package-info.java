/**
 * The scheduler's timers: per job a {@link dev.punctual.scheduler.timer.JobState} in the {@code
 * job-state} store, and a time index ({@code timer-index}) whose keys sort by due time so that one
 * range scan finds everything due. {@link dev.punctual.scheduler.timer.JobTimers} is the one place
 * that changes both stores together and decides, with {@link
 * dev.punctual.scheduler.timer.Occurrences}, when a job fires next. Both stores are changelogged,
 * so the timers survive crashes and move with their Kafka Streams task on a rebalance.
 */
@NullMarked
package dev.punctual.scheduler.timer;

import org.jspecify.annotations.NullMarked;
