/**
 * The benchmark scenarios. On the split profile: {@code raw} (Kafka's own producer throughput, the
 * physical reference), {@code burst} (jobs all due in the same second), {@code steady} and {@code
 * light} (fire and start precision under steady load, 10,000 and 400 fires/s), {@code api} (creates
 * and page reads), {@code scale} (scheduler memory and restore time with many active jobs) and
 * {@code failover} (a scheduler killed under load). On the standalone profile: {@code standalone}
 * (the first minute and the next of a steady load created through the API) and {@code coldstart}
 * (jobs created the moment a fresh standalone's API answers).
 */
@NullMarked
package dev.punctual.benchmarks.scenario;

import org.jspecify.annotations.NullMarked;
