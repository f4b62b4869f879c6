package dev.punctual.worker.trace;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes the W3C trace context headers ({@code traceparent}, {@code tracestate}) with
 * OpenTelemetry's W3C propagator: from a fire record, and onto a target's HTTP request, a target's
 * Kafka record and a result. What it writes is the context current on the calling thread (the
 * execution's span); a header of that name the job itself defined is replaced, so that a target
 * sees one trace context only. W3C only, whatever other propagators a deployment configures: that
 * is the format the topics' contract names.
 */
public final class W3cTraceHeaders {

  private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();

  private static final TextMapGetter<Headers> KAFKA_HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
          var keys = new ArrayList<String>();
          carrier.forEach(header -> keys.add(header.key()));
          return keys;
        }

        @Override
        public @Nullable String get(@Nullable Headers carrier, String key) {
          var header = carrier == null ? null : carrier.lastHeader(key);
          return header == null || header.value() == null
              ? null
              : new String(header.value(), StandardCharsets.UTF_8);
        }
      };

  private W3cTraceHeaders() {}

  /**
   * The trace context a record's headers carry, on top of the root context; the root context when
   * they carry none or an invalid one (the execution then starts a trace of its own).
   */
  public static Context extract(Headers headers) {
    return W3C.extract(Context.root(), headers, KAFKA_HEADERS);
  }

  /** Writes the current trace context onto a Kafka record's headers. */
  public static void inject(Headers headers) {
    W3C.fields().forEach(headers::remove);
    W3C.inject(
        Context.current(),
        headers,
        (carrier, name, value) -> carrier.add(name, value.getBytes(StandardCharsets.UTF_8)));
  }

  /** Writes the current trace context onto an HTTP request. */
  public static void inject(HttpRequest request) {
    W3C.inject(
        Context.current(), request, (carrier, name, value) -> carrier.setHeader(name, value));
  }
}
