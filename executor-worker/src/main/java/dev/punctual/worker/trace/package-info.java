/**
 * Traces of executions: the worker's span for each fire, a child of the trace context the fire
 * record carries, and the W3C {@code traceparent}/{@code tracestate} headers it writes on the
 * target's HTTP request or Kafka record and on the result (OpenTelemetry's W3C propagator).
 */
@NullMarked
package dev.punctual.worker.trace;

import org.jspecify.annotations.NullMarked;
