package dev.punctual.worker.execution;

import dev.punctual.model.topic.Topics;
import java.time.Duration;

/**
 * What the execution loop needs to know.
 *
 * @param topics the installation's topics
 * @param maxConcurrentExecutions pause consuming while this many fires execute
 * @param maxUncommittedFires pause consuming while this many fires wait for their commit
 * @param commitInterval commit at most this often
 * @param shutdownGracePeriod how long a stopping loop waits for running executions
 * @param revokeGracePeriod how long the loop waits for the running executions of partitions taken
 *     away by a rebalance, so that their results are committed rather than executed again by the
 *     partitions' next owner
 */
public record LoopSettings(
    Topics topics,
    int maxConcurrentExecutions,
    int maxUncommittedFires,
    Duration commitInterval,
    Duration shutdownGracePeriod,
    Duration revokeGracePeriod) {}
