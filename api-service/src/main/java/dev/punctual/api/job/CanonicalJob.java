package dev.punctual.api.job;

import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.json.JobDefinitionCodec;
import java.nio.charset.StandardCharsets;

/**
 * A definition with its canonical JSON, serialized once for both places a create writes it: the
 * {@code jobs} row and the outbox record. Serializing it twice was about a seventh of a batch
 * create's CPU in the API (JFR profile in docs/benchmarks.md, "API").
 *
 * @param definition the definition as stored
 * @param json {@link JobDefinitionCodec#toBytes} of {@code definition}
 */
record CanonicalJob(JobDefinition definition, byte[] json) {

  static CanonicalJob of(JobDefinition definition) {
    return new CanonicalJob(definition, JobDefinitionCodec.toBytes(definition));
  }

  String id() {
    return definition.id();
  }

  /** The JSON as text, for the {@code definition} column. */
  String text() {
    return new String(json, StandardCharsets.UTF_8);
  }
}
