-- Issue 15: the W3C trace context of the request that wrote an outbox row (headers traceparent and
-- tracestate of the record the relay publishes). NULL: the row belongs to no trace.
ALTER TABLE outbox ADD COLUMN trace_parent text;
ALTER TABLE outbox ADD COLUMN trace_state text;
