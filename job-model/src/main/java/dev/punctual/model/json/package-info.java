/**
 * JSON on the wire: the one configured {@link dev.punctual.model.json.Json#MAPPER} (ISO-8601
 * instants and durations, unknown fields refused), the {@link
 * dev.punctual.model.json.JobDefinitionCodec} that turns bytes into a valid definition or into
 * field errors a person can act on, and the Kafka {@link dev.punctual.model.json.JsonSerde}.
 */
@NullMarked
package dev.punctual.model.json;

import org.jspecify.annotations.NullMarked;
