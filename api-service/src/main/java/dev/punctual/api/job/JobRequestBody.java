package dev.punctual.api.job;

import dev.punctual.api.security.CurrentCaller;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.json.JobDefinitionCodec;
import dev.punctual.model.json.Json;
import dev.punctual.model.topic.ReservedTopics;
import dev.punctual.model.validation.FieldError;
import dev.punctual.model.validation.InvalidJobDefinitionException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The request body of {@code POST /jobs}, {@code PUT /jobs/{id}} or one item of a batch: a job
 * definition parsed from JSON with the shared codec (so the API accepts exactly what the jobs topic
 * accepts and reports the same field errors), checked to be storable in PostgreSQL and, by
 * job-model's {@link ReservedTopics} rule, not to target one of the installation's reserved topics
 * (which the scheduler would dead-letter and the worker refuse).
 *
 * <p>A caller bound to a namespace creates jobs there: a body without {@code namespace} is put in
 * the caller's, a body naming another is refused (403).
 *
 * @param definition the definition, its id the body's or the one given by the request
 * @param idGiven whether the body named the id
 * @param namespaceGiven whether the body named the namespace
 */
record JobRequestBody(JobDefinition definition, boolean idGiven, boolean namespaceGiven) {

  /**
   * Reads a body.
   *
   * @param defaultId the id when the body has none
   * @param reserved the topics a Kafka target must not write to
   * @throws InvalidJobDefinitionException naming the fields at fault
   */
  static JobRequestBody read(byte[] body, String defaultId, ReservedTopics reserved) {
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(body);
    } catch (JacksonException e) {
      JobDefinitionCodec.parse(body, defaultId); // throws the codec's description of the error
      throw new IllegalStateException("the codec accepted what Jackson could not read; a bug", e);
    }
    return read(tree, defaultId, reserved);
  }

  /** Reads an already parsed document; see {@link #read(byte[], String, ReservedTopics)}. */
  static JobRequestBody read(JsonNode tree, String defaultId, ReservedTopics reserved) {
    var parsed = PostgresStorable.require(JobDefinitionCodec.parse(tree, defaultId));
    reserved.requireAllowed(parsed);
    boolean namespaceGiven = given(tree, "namespace");
    return new JobRequestBody(
        CurrentCaller.place(parsed, namespaceGiven), given(tree, "id"), namespaceGiven);
  }

  private static boolean given(JsonNode tree, String field) {
    var value = tree.get(field);
    return value != null && !value.isNull();
  }

  /**
   * Reads the body of {@code PUT /jobs/{id}}: its id, if any, must be the path's.
   *
   * @throws InvalidJobDefinitionException when it is not
   */
  static JobRequestBody readForPath(byte[] body, String pathId, ReservedTopics reserved) {
    var read = read(body, pathId, reserved);
    if (!read.definition().id().equals(pathId)) {
      throw new InvalidJobDefinitionException(
          new FieldError(
              "id",
              "'"
                  + read.definition().id()
                  + "' differs from the id in the path, '"
                  + pathId
                  + "'; leave it out or make them equal (to rename a job, create a new one and"
                  + " delete the old)"));
    }
    return read;
  }
}
