package dev.punctual.scheduler.topology;

import dev.punctual.model.event.TraceHeaders;
import dev.punctual.model.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The W3C trace context of each job's current definition (the {@code traceparent} and {@code
 * tracestate} headers of its record on the jobs topic), copied onto every fire of the job.
 *
 * <p>The scheduler copies the context instead of starting a span per fire: a fire is emitted inside
 * an exactly-once transaction that may abort and be replayed, and a span started there would be
 * exported for fires that were never committed and would give the replayed record a different
 * parent; a copy is the same on every replay. So every execution of a job is a child of the request
 * that created or last changed the job, in that request's trace (docs/architecture.md, "Traces").
 *
 * <p>Kept in a store of its own (persistent, changelogged) rather than in the job's state, so that
 * the job state's format stays as it is; a definition without a {@code traceparent} clears it.
 */
final class JobTraces {

  /** Job id → the trace headers of its current definition, as a JSON object. */
  static final String STORE = "job-trace";

  private final KeyValueStore<String, byte[]> store;

  JobTraces(ProcessorContext<?, ?> context) {
    this.store = context.getStateStore(STORE);
  }

  static StoreBuilder<KeyValueStore<String, byte[]>> store() {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.ByteArray())
        .withCachingDisabled();
  }

  /** Remembers the trace headers of a job's new definition record (or that it has none). */
  void remember(String jobId, Headers definitionHeaders) {
    var context = new LinkedHashMap<String, String>();
    for (var name : new String[] {TraceHeaders.TRACEPARENT, TraceHeaders.TRACESTATE}) {
      var header = definitionHeaders.lastHeader(name);
      if (header != null && header.value() != null) {
        context.put(name, new String(header.value(), StandardCharsets.UTF_8));
      }
    }
    if (context.containsKey(TraceHeaders.TRACEPARENT)) {
      store.put(jobId, Json.toBytes(context));
    } else {
      forget(jobId);
    }
  }

  /** Forgets a deleted job's trace context. */
  void forget(String jobId) {
    store.delete(jobId);
  }

  /** Adds the job's trace headers, if it has any, to a record's headers. */
  void addTo(String jobId, Headers headers) {
    var stored = store.get(jobId);
    if (stored == null) {
      return;
    }
    Map<?, ?> context = Json.fromBytes(stored, Map.class);
    context.forEach(
        (name, value) ->
            headers.add(name.toString(), value.toString().getBytes(StandardCharsets.UTF_8)));
  }
}
