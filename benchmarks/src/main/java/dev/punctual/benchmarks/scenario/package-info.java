/**
 * The benchmark scenarios: {@code raw} (Kafka's own producer throughput, the physical reference),
 * {@code burst} (jobs all due in the same second), {@code steady} (fire precision under steady
 * load), {@code api} (creates and page reads), {@code scale} (scheduler memory and restore time
 * with many active jobs) and {@code failover} (a scheduler killed under load).
 */
@NullMarked
package dev.punctual.benchmarks.scenario;

import org.jspecify.annotations.NullMarked;
