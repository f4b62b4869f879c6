package dev.punctual.worker.trace;

import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.ExecutionStatus;
import dev.punctual.model.event.JobFired;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;

/**
 * The worker's span of one execution: a child of the context current when it starts (the fire
 * record's, {@link W3cTraceHeaders#extract}), named {@value #NAME}, with the fire's identity as
 * attributes and the result's status. With {@link #none()} (or an SDK that samples it out) the span
 * records nothing but still carries the fire's trace context to the target and the result.
 */
public final class FireSpans {

  /** The span name: one name for every execution, the job and fire are attributes. */
  public static final String NAME = "punctual.execute";

  static final AttributeKey<String> JOB_ID = AttributeKey.stringKey("punctual.job.id");
  static final AttributeKey<String> FIRE_ID = AttributeKey.stringKey("punctual.fire.id");
  static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("punctual.fire.attempt");
  static final AttributeKey<String> TRIGGER = AttributeKey.stringKey("punctual.fire.trigger");
  static final AttributeKey<String> TARGET = AttributeKey.stringKey("punctual.target.type");
  static final AttributeKey<String> STATUS = AttributeKey.stringKey("punctual.result.status");

  private final Tracer tracer;

  public FireSpans(OpenTelemetry openTelemetry) {
    this.tracer = openTelemetry.getTracer("dev.punctual.worker");
  }

  /** Spans that record nothing and only pass the trace context on. */
  public static FireSpans none() {
    return new FireSpans(OpenTelemetry.noop());
  }

  /** Starts the span of executing {@code fire}, a child of the current context; not current yet. */
  public Span start(JobFired fire) {
    return tracer
        .spanBuilder(NAME)
        .setSpanKind(SpanKind.CONSUMER)
        .setAttribute(JOB_ID, fire.jobId())
        .setAttribute(FIRE_ID, fire.fireId())
        .setAttribute(ATTEMPT, (long) fire.attempt())
        .setAttribute(TRIGGER, fire.trigger().name())
        .setAttribute(TARGET, fire.target().type())
        .startSpan();
  }

  /** Records the result's status on the span (an error status unless it succeeded). */
  public static void finished(Span span, ExecutionFinished result) {
    span.setAttribute(STATUS, result.status().name());
    if (result.status() != ExecutionStatus.SUCCEEDED) {
      span.setStatus(StatusCode.ERROR, result.error() == null ? "" : result.error());
    }
  }
}
