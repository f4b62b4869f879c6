package dev.punctual.model.event;

/**
 * Names of the W3C Trace Context headers that carry a trace through Punctual: on a job record of
 * the jobs topic (the context of the API request that wrote it), on every fire of that job, on the
 * HTTP request or Kafka record of a target, and on the result. The values are exactly those of the
 * W3C Trace Context specification, written and read by OpenTelemetry's propagator, never parsed
 * here. A record without {@link #TRACEPARENT} belongs to no trace; nothing fails for its absence.
 */
public final class TraceHeaders {

  /** The trace id, parent span id and sampling flag: {@code 00-<trace id>-<span id>-<flags>}. */
  public static final String TRACEPARENT = "traceparent";

  /** Vendor-specific trace state that travels with {@link #TRACEPARENT}, when there is any. */
  public static final String TRACESTATE = "tracestate";

  private TraceHeaders() {}
}
