/**
 * The AsyncAPI 3 document of Punctual's topics, the machine-readable contract of every record the
 * services write and read, served at {@code GET /asyncapi.json} like the OpenAPI document is for
 * the REST API. The document is the resource {@code asyncapi.json} of this module, the one source
 * of truth: the standalone module's {@code AsyncApiRecordsIT} validates real records against it.
 */
@NullMarked
package dev.punctual.api.asyncapi;

import org.jspecify.annotations.NullMarked;
