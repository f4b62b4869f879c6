package dev.punctual.api.outbox;

import dev.punctual.model.event.TraceHeaders;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

/**
 * The W3C trace context an outbox row carries to its record: that of the API request that wrote the
 * row (its server span, a child of the caller's {@code traceparent} when the caller sent one), so
 * that the job's fires, executions and results join the trace of the request that created or
 * changed the job. OpenTelemetry's W3C propagator writes the values; nothing here parses them.
 *
 * @param traceparent the {@value TraceHeaders#TRACEPARENT} header; {@code null}: no trace
 * @param tracestate the {@value TraceHeaders#TRACESTATE} header, when there is one
 */
record TraceContext(@Nullable String traceparent, @Nullable String tracestate) {

  static final TraceContext NONE = new TraceContext(null, null);

  /** The context of the span current on this thread (the request's), or {@link #NONE}. */
  static TraceContext current() {
    var headers = new HashMap<String, String>();
    W3CTraceContextPropagator.getInstance()
        .inject(Context.current(), headers, (carrier, name, value) -> carrier.put(name, value));
    return new TraceContext(
        headers.get(TraceHeaders.TRACEPARENT), headers.get(TraceHeaders.TRACESTATE));
  }

  /** Adds the headers this context has to a record's headers. */
  void addTo(Headers headers) {
    add(headers, TraceHeaders.TRACEPARENT, traceparent);
    add(headers, TraceHeaders.TRACESTATE, tracestate);
  }

  private static void add(Headers headers, String name, @Nullable String value) {
    if (value != null && !value.isEmpty()) {
      headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
  }
}
