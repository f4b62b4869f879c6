/**
 * Wiring and configuration of the worker: the {@code punctual.worker} properties, the Kafka clients
 * built from Spring Boot's {@code spring.kafka.*} settings, the shared HTTP client and clock, and
 * the lifecycle that starts the fire consumer with the application and stops it gracefully.
 */
@NullMarked
package dev.punctual.worker.system;

import org.jspecify.annotations.NullMarked;
