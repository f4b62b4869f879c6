/**
 * The log fields shared by every service: the MDC keys of the job and the fire a log line is about
 * ({@link dev.punctual.model.log.LogContext}), and the level pattern that shows them in text logs
 * ({@code punctual-logging.yml}, imported by each service's configuration file).
 */
@NullMarked
package dev.punctual.model.log;

import org.jspecify.annotations.NullMarked;
